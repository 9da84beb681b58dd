/// The command lines of `stat` and `scan` made only of their plain options, parsed without
/// swift-argument-parser.
///
/// swift-argument-parser finds a command's options by reflection: at every start it builds
/// the argument sets of the command and of two completion-script pseudo-commands, with ~160
/// protocol-conformance look-ups that each scan the binary's conformance records. That is
/// ~10 M instructions, about 2 ms of `mimekit scan`'s 5.5 ms on one message, which mail
/// filters pay once per message. So a command line of `stat` or `scan` that holds only their
/// long options (`--name`, `--name value`, `--name=value`, each at most once but `--disable`)
/// and at most one path is parsed here into the command's `Settings`, the values the command
/// would run with, without building swift-argument-parser's property wrappers either (that
/// alone took 0.5 M instructions for `stat` and 0.6 M for `scan`, 11–12% of a run over one
/// small input). Anything else (help, a short or unknown option, a value that starts with `-` or
/// does not parse, `--`, a repeated option, a command line `validate()` refuses) gets `nil`,
/// and goes to swift-argument-parser, which answers it as always.
enum QuickCommandLine {
    /// What a command line parsed here runs: a command's `Settings`.
    protocol Command {
        func run() throws
    }

    /// The command `arguments` (without the program name) ask for, or nil.
    static func command(_ arguments: [String]) -> (any Command)? {
        guard let name = arguments.first else { return nil }
        let rest = arguments.dropFirst()
        switch name {
        case "stat": return stat(rest)
        case "scan": return scan(rest)
        default: return nil
        }
    }

    /// One option of a command: a flag, or an option that takes a value.
    private enum Kind {
        case flag
        case value
        case repeatedValue
    }

    /// The options and the path of a command line, checked against `known`.
    ///
    /// Arrays, searched in turn, rather than a dictionary and a set: the first `Set<String>`
    /// or `[String: …]` of a process costs the runtime a look-up of `String: Hashable` through
    /// every protocol conformance of the binary (~0.12 M instructions).
    private struct Parsed {
        var flags: [String] = []
        var values: [(name: String, value: String)] = []
        var path: String?

        init?(_ arguments: ArraySlice<String>, known: [(name: String, kind: Kind)]) {
            var index = arguments.startIndex
            while index < arguments.endIndex {
                let argument = arguments[index]
                index += 1
                guard argument.hasPrefix("--") else {
                    // A path, or "-" for standard input; one at most.
                    guard path == nil, argument == "-" || !argument.hasPrefix("-") else { return nil }
                    path = argument
                    continue
                }
                let body = argument.dropFirst(2)
                let equals = body.firstIndex(of: "=")
                let name = String(body[..<(equals ?? body.endIndex)])
                guard let kind = known.first(where: { $0.name == name })?.kind else { return nil }
                switch kind {
                case .flag:
                    guard equals == nil, !flags.contains(name) else { return nil }
                    flags.append(name)
                case .value, .repeatedValue:
                    let value: String
                    if let equals {
                        value = String(body[body.index(after: equals)...])
                    } else {
                        guard index < arguments.endIndex else { return nil }
                        value = arguments[index]
                        index += 1
                    }
                    guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
                    guard kind == .repeatedValue || self.value(name) == nil else { return nil }
                    values.append((name, value))
                }
            }
        }

        func flag(_ name: String) -> Bool { flags.contains(name) }
        func value(_ name: String) -> String? { values.first { $0.name == name }?.value }
        func all(_ name: String) -> [String] { values.filter { $0.name == name }.map(\.value) }
    }

    private static let inputOptions: [(name: String, kind: Kind)] = [("mbox", .flag), ("respect-content-length", .flag)]

    private static func input(_ parsed: Parsed) -> InputSelection {
        InputSelection(file: parsed.path, mbox: parsed.flag("mbox"),
                       respectContentLength: parsed.flag("respect-content-length"))
    }

    /// `jobs` from `--jobs`, or the default; nil if it is not a number.
    private static func jobs(_ parsed: Parsed) -> Int? {
        guard let text = parsed.value("jobs") else { return System.coreCount }
        return Int(text)
    }

    private static func stat(_ arguments: ArraySlice<String>) -> StatCommand.Settings? {
        let known = inputOptions + [("json", .flag), ("quiet", .flag), ("jobs", .value)]
        guard let parsed = Parsed(arguments, known: known), let jobs = jobs(parsed) else { return nil }
        let settings = StatCommand.Settings(input: input(parsed), json: parsed.flag("json"), jobs: jobs,
                                            quiet: parsed.flag("quiet"))
        guard (try? settings.validate()) != nil else { return nil }
        return settings
    }

    private static func scan(_ arguments: ArraySlice<String>) -> ScanCommand.Settings? {
        let known = inputOptions + [
            ("json", .flag), ("add-header", .flag), ("list-rules", .flag),
            ("fail-on", .value), ("jobs", .value), ("smime-key", .value), ("smime-cert", .value), ("smime-p12", .value),
            ("smime-password", .value), ("gnupg-home", .value), ("disable", .repeatedValue),
        ]
        // `ScanCommand` has no `validate()`: `scan` checks its values itself, as it runs.
        guard let parsed = Parsed(arguments, known: known), let jobs = jobs(parsed) else { return nil }
        return ScanCommand.Settings(
            input: input(parsed), json: parsed.flag("json"), failOn: parsed.value("fail-on"), jobs: jobs,
            addHeader: parsed.flag("add-header"), smimeKey: parsed.value("smime-key"),
            smimeCert: parsed.value("smime-cert"), smimeP12: parsed.value("smime-p12"),
            smimePassword: parsed.value("smime-password"), gnupgHome: parsed.value("gnupg-home"),
            disable: parsed.all("disable"), listRules: parsed.flag("list-rules"))
    }
}
