#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Dispatch
import MIMEKit
import MIMEScan
import MIMESMIME
import Synchronization

/// `mimekit scan`: EFAIL, reply-leak and signature-spoofing patterns in every message of an
/// input, with an exit status a mail pipeline can rely on.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find EFAIL, reply-leak and signature-spoofing patterns in messages.",
        discussion: """
            Exit status: 0 when no finding is at or above --fail-on (default high), 1 when \
            one is, 2 on error. Without keys nothing is decrypted. --add-header reads one \
            input (standard input by default) and writes it back with an X-MIMEKit-Scan \
            header at the top of each message's header block (each message of an mbox, after \
            its From line), every other byte unchanged; it \
            then exits 0 whatever it found unless --fail-on is given, since MTAs treat a \
            filter's non-zero status as a failure to deliver.
            """
    )

    @OptionGroup var input: InputOptions

    @Flag(help: "One JSON object per message, one per line.")
    var json = false

    @Option(name: .customLong("fail-on"), help: "The lowest severity that makes the exit status 1: info, low, medium, high, critical (default high).")
    var failOn: String?

    @Option(help: "Threads that scan messages (default: all cores).")
    var jobs: Int = System.coreCount

    @Flag(name: .customLong("add-header"), help: "Write the input back with an X-MIMEKit-Scan header added to each message.")
    var addHeader = false

    @Option(name: .customLong("smime-key"), help: "PEM private key of an S/MIME recipient (with --smime-cert).")
    var smimeKey: String?

    @Option(name: .customLong("smime-cert"), help: "PEM certificate of that recipient.")
    var smimeCert: String?

    @Option(name: .customLong("smime-p12"), help: "PKCS#12 file of an S/MIME recipient.")
    var smimeP12: String?

    @Option(name: .customLong("smime-password"), help: "Password of the S/MIME key or PKCS#12 file.")
    var smimePassword: String?

    @Option(name: .customLong("gnupg-home"), help: "GnuPG home holding the recipient's secret keys.")
    var gnupgHome: String?

    @Option(name: .customLong("disable"), help: "Rule ids not to run (repeat the option, or separate ids with commas).")
    var disable: [String] = []

    @Flag(name: .customLong("list-rules"), help: "List the rules and exit.")
    var listRules = false

    func run() throws {
        do {
            try scan()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            reportError("\(error)")
            throw ExitCode(2)
        }
    }

    private func scan() throws {
        if listRules {
            var out = StandardOutput()
            for rule in MIMEScanner.builtinRules {
                out.write("\(rule.id)\t\(rule.severity)\t\(rule.title)\(rule.needsKeys ? " [keys]" : "")\n")
            }
            out.flush()
            return
        }
        guard jobs >= 1 else { throw CLIError("--jobs must be at least 1") }
        let threshold: ScanSeverity
        if let failOn {
            guard let parsed = ScanSeverity(name: failOn) else {
                throw CLIError("--fail-on: \"\(failOn)\" is not one of info, low, medium, high, critical")
            }
            threshold = parsed
        } else {
            threshold = .high
        }
        let known = Set(MIMEScanner.builtinRules.map(\.id))
        let disabled = Set(disable.flatMap { $0.split(separator: ",").map(String.init) })
        if let unknown = disabled.first(where: { !known.contains($0) }) {
            throw CLIError("--disable: no rule \"\(unknown)\" (see --list-rules)")
        }
        let scanner = MIMEScanner(disabling: disabled, keys: try keys())
        let source = try input.source()

        if addHeader {
            let worst = try writeWithHeaders(source, scanner)
            if failOn != nil, let worst, worst >= threshold { throw ExitCode(1) }
            return
        }

        let reports = try collect(source, scanner)
        var out = StandardOutput()
        var flagged = 0
        for report in reports {
            if json {
                out.write(report.json.serialized + "\n")
            } else {
                out.write(report.text)
            }
            if let maximum = report.maximum, maximum >= threshold { flagged += 1 }
        }
        if !json {
            let withFindings = reports.filter { !$0.findings.isEmpty }.count
            out.write("\(reports.count) message\(reports.count == 1 ? "" : "s"), \(withFindings) with findings, \(flagged) at or above \(threshold)\n")
        }
        out.flush()
        if flagged > 0 { throw ExitCode(1) }
    }

    private func keys() throws -> ScanKeys {
        var keys = ScanKeys(gnupgHome: gnupgHome)
        if let gnupgHome {
            var info = stat()
            guard stat(gnupgHome, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                throw CLIError("--gnupg-home \(gnupgHome): not a directory")
            }
        }
        if let smimeP12 {
            keys.smimeIdentity = try SMIMEIdentity(pkcs12: try readFile(smimeP12), password: smimePassword ?? "")
        } else if let smimeKey {
            guard let smimeCert else { throw CLIError("--smime-key needs --smime-cert") }
            keys.smimeIdentity = try SMIMEIdentity(privateKeyPEM: try readFile(smimeKey), certificatePEM: try readFile(smimeCert),
                                                   password: smimePassword)
        } else if smimeCert != nil {
            throw CLIError("--smime-cert needs --smime-key")
        }
        return keys
    }

    private func readFile(_ path: String) throws -> [UInt8] {
        do {
            return try ByteStorage(contentsOfFile: path).all.bytes
        } catch {
            throw CLIError("\(path): \(error)")
        }
    }

    /// Scans every message; the reports come back in input order whatever `jobs` is.
    private func collect(_ source: MessageSource, _ scanner: MIMEScanner) throws -> [ScanReport] {
        if source.inputs.count == 1 {
            // Each thread keeps its own reports: appended under one lock, every message moved
            // the lock's cache line between the cores.
            let perThread = PerThread<[ScanReport]>(count: jobs) { [] }
            let failures = try source.forEachMessageConcurrently(jobs: jobs) { worker, message in
                perThread[worker].pointee.append(ScanReport(file: nil, index: message.index, offset: message.range.lowerBound,
                                                            findings: scanner.scan(message)))
            }
            if failures > 0 { throw ExitCode(2) }
            // Threads parse an mbox one message at a time, each numbered 0 on its own:
            // the offset orders them, and the order numbers them.
            var sorted = (0..<perThread.count).flatMap { perThread[$0].pointee }.sorted { $0.offset < $1.offset }
            for position in sorted.indices { sorted[position].index = position }
            return sorted
        }
        let perFile = Locked<[Int: [ScanReport]]>([:])
        let next = Atomic<Int>(0)
        let failed = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(jobs, source.inputs.count)) { _ in
            while true {
                let fileIndex = next.add(1, ordering: .relaxed).oldValue
                guard fileIndex < source.inputs.count else { return }
                let input = source.inputs[fileIndex]
                do {
                    let storage = try source.load(input)
                    var reports: [ScanReport] = []
                    MIMEParser.parseMessages(storage, in: 0..<storage.count, options: source.options(for: storage)) { message in
                        reports.append(ScanReport(file: input.displayName, index: message.index,
                                                  offset: message.range.lowerBound, findings: scanner.scan(message)))
                    }
                    perFile.withLock { $0[fileIndex] = reports }
                } catch {
                    reportError("\(error)")
                    failed.add(1, ordering: .relaxed)
                }
            }
        }
        if failed.load(ordering: .relaxed) > 0 { throw ExitCode(2) }
        let all = perFile.withLock { $0 }
        return all.keys.sorted().flatMap { all[$0]! }
    }

    /// Writes the input back with a verdict header at the top of each message's header
    /// block; returns the highest severity found.
    private func writeWithHeaders(_ source: MessageSource, _ scanner: MIMEScanner) throws -> ScanSeverity? {
        guard source.inputs.count == 1, !source.isDirectory else {
            throw CLIError("--add-header reads one message or mbox (a file or standard input), not a directory")
        }
        let storage = try source.load(source.inputs[0])
        var worst: ScanSeverity?
        var out = StandardOutput()
        var cursor = 0
        try storage.withUnsafeBytes { (all: UnsafeRawBufferPointer) throws in
            var messages: [(Int, String)] = []
            MIMEParser.parseMessages(storage, in: 0..<storage.count, options: source.options(for: storage)) { message in
                let findings = scanner.scan(message)
                if let maximum = findings.map(\.severity).max() { worst = max(worst ?? maximum, maximum) }
                let insertion = Self.headerStart(of: message, in: all)
                messages.append((insertion, ScanVerdictHeader.field(for: findings, lineEnding: Self.lineEnding(at: insertion, in: all))))
            }
            for (insertion, field) in messages {
                out.write(UnsafeRawBufferPointer(rebasing: all[cursor..<insertion]))
                out.write(field)
                cursor = insertion
            }
            out.write(UnsafeRawBufferPointer(rebasing: all[cursor..<all.count]))
        }
        out.flush()
        return worst
    }

    /// Where the verdict goes: the start of the header block (after the mbox `From ` line,
    /// if any), past any lines that begin with white space. A malformed message whose
    /// header block opens with such a continuation line would otherwise have it folded into
    /// the verdict, letting the message append text of its choosing to it.
    private static func headerStart(of message: MIMEMessage, in all: UnsafeRawBufferPointer) -> Int {
        let end = message.range.upperBound
        var position = message.range.lowerBound
        if let separator = message.separator {
            position = separator.upperBound
            if position > 0 && all[position - 1] != 0x0A {
                while position < end && all[position] != 0x0A { position += 1 }
                if position < end { position += 1 }
            }
        }
        while position < end && (all[position] == 0x20 || all[position] == 0x09) {
            while position < end && all[position] != 0x0A { position += 1 }
            if position < end { position += 1 }
        }
        return position
    }

    /// The line ending of the line that starts at `offset` (LF when it has none).
    private static func lineEnding(at offset: Int, in all: UnsafeRawBufferPointer) -> String {
        var position = offset
        while position < all.count && all[position] != 0x0A { position += 1 }
        return position < all.count && position > offset && all[position - 1] == 0x0D ? "\r\n" : "\n"
    }
}
