#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import MIMEKit
import MIMEScan
import MIMESMIME

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

    /// The command's values without the property wrappers.
    var settings: Settings {
        Settings(input: input.selection, json: json, failOn: failOn, jobs: jobs, addHeader: addHeader,
                 smimeKey: smimeKey, smimeCert: smimeCert, smimeP12: smimeP12, smimePassword: smimePassword,
                 gnupgHome: gnupgHome, disable: disable, listRules: listRules)
    }

    func run() throws { try settings.run() }

    /// `scan` as plain values, which `QuickCommandLine` makes without building
    /// swift-argument-parser's property wrappers (0.6 M instructions at every start, 11% of
    /// scanning one message).
    struct Settings: QuickCommandLine.Command {
        var input: InputSelection
        var json: Bool
        var failOn: String?
        var jobs: Int
        var addHeader: Bool
        var smimeKey: String?
        var smimeCert: String?
        var smimeP12: String?
        var smimePassword: String?
        var gnupgHome: String?
        var disable: [String]
        var listRules: Bool
    }
}

extension ScanCommand.Settings {
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

        let tally = try report(source, scanner, threshold: threshold)
        if tally.failures > 0 { throw ExitCode(2) }
        if tally.flagged > 0 { throw ExitCode(1) }
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

    /// What `report` counted.
    private struct Tally: ~Copyable {
        var out = StandardOutput()
        var messages = 0
        var withFindings = 0
        var flagged = 0
        /// The file of the last report written, and how many of its messages came before.
        var input = -1
        var indexInInput = 0
    }

    /// Scans every message and writes its report (a JSON line, or lines for a person when it
    /// has findings) as soon as the reports of every message before it are written: in input
    /// order whatever `jobs` is, and with the reports of the units in flight in memory, not
    /// those of the whole input. Then, for a person, a line of counts.
    private func report(_ source: MessageSource, _ scanner: MIMEScanner,
                        threshold: ScanSeverity) throws -> (flagged: Int, failures: Int) {
        let json = json
        let tally = Locked(Tally())
        let (failures, _) = try source.forEachMessageInOrder(jobs: jobs) { message in
            (offset: message.range.lowerBound, findings: scanner.scan(message))
        } emit: { scanned, input in
            tally.withLock { tally in
                // Messages are numbered from 0 in the input, or in each file of a directory.
                if input != tally.input {
                    tally.input = input
                    tally.indexInInput = 0
                }
                let report = ScanReport(file: source.fileName(of: input), index: tally.indexInInput,
                                        offset: scanned.offset, findings: scanned.findings)
                tally.indexInInput += 1
                tally.out.write(json ? report.json.serialized + "\n" : report.text)
                tally.messages += 1
                if !report.findings.isEmpty { tally.withFindings += 1 }
                if let maximum = report.maximum, maximum >= threshold { tally.flagged += 1 }
            }
        }
        return tally.withLock { tally in
            if !json && failures == 0 {
                let count = tally.messages
                tally.out.write("\(count) message\(count == 1 ? "" : "s"), \(tally.withFindings) with findings, \(tally.flagged) at or above \(threshold)\n")
            }
            tally.out.flush()
            return (tally.flagged, failures)
        }
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
        // The input is written as the messages are scanned: up to each message's header block,
        // then its verdict. The bytes written are given back every 4 MiB (and the parser gives
        // back what it has read), so memory does not grow with the input; a page given back
        // and then written is read again from the file.
        var cursor = 0
        var released = 0
        storage.withUnsafeBytes { (all: UnsafeRawBufferPointer) in
            MIMEParser.parseMessages(storage, in: 0..<storage.count, options: source.options(for: storage),
                                     discardingPages: true) { message in
                let findings = scanner.scan(message)
                if let maximum = findings.map(\.severity).max() { worst = max(worst ?? maximum, maximum) }
                let insertion = Self.headerStart(of: message, in: all)
                out.write(UnsafeRawBufferPointer(rebasing: all[cursor..<insertion]))
                out.write(ScanVerdictHeader.field(for: findings, lineEnding: Self.lineEnding(at: insertion, in: all)))
                cursor = insertion
                if cursor - released >= 1 << 22 {
                    storage.discard(released..<cursor)
                    released = cursor
                }
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
