import ArgumentParser
import MIMEKit

/// `mimekit stat`: counts over every message of an input, parsed on all cores.
struct StatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stat",
        abstract: "Summarise a message, an mbox, a Maildir or a directory of .eml files.",
        discussion: """
            Parses every message and decodes every leaf, then prints counts: messages, \
            entities, decoded bytes, content types, attachments, signed and encrypted parts, \
            diagnostics by code. The result is the same for any --jobs.
            """
    )

    @OptionGroup var input: InputOptions

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    @Option(help: "Threads that parse messages (default: all cores).")
    var jobs: Int = System.coreCount

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    func validate() throws { try settings.validate() }

    /// The command's values without the property wrappers.
    var settings: Settings { Settings(input: input.selection, json: json, jobs: jobs, quiet: quiet) }

    func run() throws { try settings.run() }

    /// `stat` as plain values, which `QuickCommandLine` makes without building
    /// swift-argument-parser's property wrappers (0.5 M instructions at every start).
    struct Settings: QuickCommandLine.Command {
        var input: InputSelection
        var json: Bool
        var jobs: Int
        var quiet: Bool

        /// What `StatCommand.validate()` checks, for `QuickCommandLine` too.
        func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        }

        func run() throws {
            let source = try input.source()
            let progress = ProgressMeter.start(totalBytes: source.totalBytes, quiet: quiet)
            // One summary per thread, merged at the end: sums, so the order does not matter.
            let perThread = PerThread(count: jobs) { StatSummary() }
            let failures = try source.forEachMessageConcurrently(jobs: jobs, decodingAhead: true) { worker, message in
                perThread[worker].pointee.add(message)
                progress?.add(messageBytes: message.range.count)
            }
            progress?.finish()
            var summary = StatSummary()
            for index in 0..<perThread.count { summary.merge(perThread[index].pointee) }
            var out = StandardOutput()
            out.write(json ? summary.json.serialized + "\n" : summary.text)
            out.flush()
            if failures > 0 { throw ExitCode(1) }
        }
    }
}
