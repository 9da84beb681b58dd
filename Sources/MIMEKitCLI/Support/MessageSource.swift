#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import MIMEKit
import Synchronization

/// The messages of a command's input, read one file at a time.
///
/// A file is memory-mapped and standard input is read to its end (spooled to a temporary
/// file past 16 MiB); pages are given back to the system behind the reader, so resident
/// memory stays bounded whatever the input's size. A file that starts with `From ` (or
/// every file, with `--mbox`) is an mbox. A directory with `cur/` or `new/` is a Maildir
/// (the files of `cur/` then `new/`, by name); any other directory is read for its `.eml`
/// files, by name.
struct MessageSource: Sendable {
    /// One file of the input.
    struct Input: Sendable {
        /// The path, or nil for standard input.
        var path: String?
        var displayName: String { path ?? "-" }
    }

    let inputs: [Input]
    let forceMbox: Bool
    /// Whether an mbox's messages end where their Content-Length says, when it checks out.
    let respectContentLength: Bool
    /// Whether the input is a directory, so output names each message's file.
    let isDirectory: Bool

    init(path: String?, forceMbox: Bool, respectContentLength: Bool = false) throws {
        self.forceMbox = forceMbox
        self.respectContentLength = respectContentLength
        guard let path else {
            inputs = [Input(path: nil)]
            isDirectory = false
            return
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw CLIError("\(path): \(String(cString: strerror(errno)))") }
        if (info.st_mode & S_IFMT) != S_IFDIR {
            inputs = [Input(path: path)]
            isDirectory = false
            return
        }
        isDirectory = true
        let maildir = ["cur", "new"].filter { Self.isDirectory("\(path)/\($0)") }
        if !maildir.isEmpty {
            inputs = try maildir.flatMap { folder in
                try Self.files(in: "\(path)/\(folder)") { !$0.hasPrefix(".") }.map { Input(path: $0) }
            }
        } else {
            inputs = try Self.files(in: path) { $0.lowercased().hasSuffix(".eml") }.map { Input(path: $0) }
            if inputs.isEmpty { throw CLIError("\(path): a directory that is neither a Maildir nor holds .eml files") }
        }
    }

    /// The name of `inputs[input]` to print beside its messages: its path when the input is a
    /// directory, nil otherwise.
    func fileName(of input: Int) -> String? {
        isDirectory ? inputs[input].displayName : nil
    }

    /// The total size of the input files, when known (not for standard input).
    var totalBytes: Int? {
        var total = 0
        for input in inputs {
            guard let path = input.path else { return nil }
            var info = stat()
            if stat(path, &info) == 0 { total += Int(info.st_size) }
        }
        return total
    }

    func load(_ input: Input) throws -> ByteStorage {
        do {
            if let path = input.path { return try ByteStorage(contentsOfFile: path) }
            return try ByteStorage(readingToEndOf: STDIN_FILENO, name: "standard input")
        } catch {
            throw CLIError(error.description)
        }
    }

    func options(for storage: ByteStorage) -> MIMEParserOptions {
        InputOptions.parserOptions(for: storage, forceMbox: forceMbox, respectContentLength: respectContentLength)
    }

    /// Calls `body` with every message in input order, and the index of its file in
    /// `inputs`. A file that cannot be read is reported on stderr and skipped; the
    /// returned count says how many were. With `decodingAhead`, long base64 leaves of a
    /// message that is not in an mbox are decoded as the parser reads them, for a reader that
    /// then asks for every leaf's `decodedBodyReport` (see `MIMEParser.parseMessages`).
    func forEachMessage(decodingAhead: Bool = false, _ body: (MIMEMessage, _ input: Int) throws -> Void) throws -> Int {
        var failures = 0
        for (index, input) in inputs.enumerated() {
            guard let storage = try loadOrReport(input, failures: &failures) else { continue }
            try parseAll(storage, options: options(for: storage), decodingAhead: decodingAhead) { try body($0, index) }
        }
        return failures
    }

    /// `input`'s bytes; or, in a directory, nil when it cannot be read (reported on stderr and
    /// counted in `failures`). Outside a directory the error is thrown.
    private func loadOrReport(_ input: Input, failures: inout Int) throws -> ByteStorage? {
        do {
            return try load(input)
        } catch {
            guard isDirectory else { throw error }
            reportError("\(error)")
            failures += 1
            return nil
        }
    }

    /// Parses all of `storage` on this thread, in one pass.
    private func parseAll(_ storage: ByteStorage, options: MIMEParserOptions, decodingAhead: Bool,
                          _ body: (MIMEMessage) throws -> Void) throws {
        // Pages behind the reader go back every 4 MiB of messages (the parser also gives
        // back each 16 MiB window it has read), not after every message.
        var released = 0
        try MIMEParser.parseMessages(storage, in: 0..<storage.count, options: options,
                                     discardingPages: true, decodingAhead: decodingAhead) { message in
            try body(message)
            if message.range.upperBound - released >= 1 << 22 {
                storage.discard(released..<message.range.upperBound)
                released = message.range.upperBound
            }
        }
    }

    /// Parses every message on `jobs` threads; each thread calls `work` with its index and
    /// the messages it took, in no particular order. Returns how many files could not be
    /// read (reported on stderr). `decodingAhead` as for `forEachMessage`.
    ///
    /// A thread calls `unitDone` after the last `work` of each unit it parsed (a file, or a
    /// stripe of an mbox), with its index, the unit's place in the input (0, 1, 2, ... in
    /// input order, whichever thread takes each) and the index of the unit's file in
    /// `inputs`. Not with one job, where there are no units.
    func forEachMessageConcurrently(jobs: Int, decodingAhead: Bool = false,
                                    unitDone: @Sendable (_ worker: Int, _ sequence: Int, _ input: Int) -> Void = { _, _, _ in },
                                    _ work: @Sendable (Int, MIMEMessage) -> Void) throws -> Int {
        if jobs <= 1 {
            // One thread: parse each file in one pass, without splitting mboxes first.
            return try forEachMessage(decodingAhead: decodingAhead) { message, _ in work(0, message) }
        }
        var first: (ByteStorage, MIMEParserOptions)?
        if inputs.count == 1 {
            // One file that is a message, or an mbox of one stripe, gives the threads nothing
            // to share: it is parsed on this thread, with no thread started (a mail filter
            // running `scan` on each message saves ~0.3 ms a message).
            var failures = 0
            guard let storage = try loadOrReport(inputs[0], failures: &failures) else { return failures }
            let options = options(for: storage)
            guard options.mbox && storage.count > WorkQueue.stripeSize else {
                try parseAll(storage, options: options, decodingAhead: decodingAhead) { work(0, $0) }
                unitDone(0, 0, 0)
                return 0
            }
            first = (storage, options)
        }
        let queue = Locked(WorkQueue(source: self, jobs: jobs, first: first))
        let firstError = Locked<(any Error)?>(nil)
        let failures = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            while true {
                let next = queue.withLock { $0.next() }
                switch next {
                case .none:
                    return
                case .failure(let error):
                    if isDirectory {
                        reportError("\(error)")
                        failures.add(1, ordering: .relaxed)
                    } else {
                        firstError.withLock { if $0 == nil { $0 = error } }
                        return
                    }
                case .unit(let shared, let range, let options, let isStripe, let sequence, let input):
                    // A storage object of this thread's own over the same bytes: the
                    // messages' references are then counted on it, not on one object that
                    // both threads update (see `ByteStorage.init(sharing:)`).
                    let storage = ByteStorage(sharing: shared)
                    // A stripe's pages go back by whole blocks (`PageReleaser`); the parser
                    // gives back pages as it goes only in a stripe longer than its window
                    // (one long message), where memory would otherwise grow with it.
                    MIMEParser.parseMessages(storage, in: range, options: options,
                                             discardingPages: !isStripe || range.count > MIMEParser.discardWindow,
                                             decodingAhead: decodingAhead) { message in
                        work(worker, message)
                    }
                    if isStripe {
                        for blocks in queue.withLock({ $0.parsed(range, of: shared) }) { shared.discard(blocks) }
                    }
                    unitDone(worker, sequence, input)
                }
            }
        }
        if let error = firstError.withLock({ $0 }) { throw error }
        return failures.load(ordering: .relaxed)
    }

    /// Hands out the parsing units: a whole file, or a stripe of an mbox (whole messages,
    /// about `stripeSize` bytes, so that the lock is taken once per stripe and no thread
    /// visits every line to find the messages; with `respectContentLength` the stripes are
    /// cut where the messages end, which reads every header and the lines of each message
    /// without a usable Content-Length).
    struct WorkQueue: ~Copyable {
        enum Item {
            /// Bytes to parse; with `isStripe`, a stripe of an mbox, whose pages the thread
            /// gives back as `parsed(_:of:)` says.
            /// `sequence` numbers the units in input order; `input` is the index of their file.
            case unit(ByteStorage, Range<Int>, MIMEParserOptions, isStripe: Bool, sequence: Int, input: Int)
            case failure(any Error)
        }

        /// 4 MiB, or `MIMEKIT_STRIPE_BYTES` from the environment (the tests set it small so
        /// that a small mbox is cut into many stripes).
        static let stripeSize: Int = {
            if let text = getenv("MIMEKIT_STRIPE_BYTES"), let size = Int(String(cString: text)), size > 0 { return size }
            return 4 << 20
        }()

        /// The smallest stripe the tapering below hands out: 256 KiB, a fraction of a
        /// millisecond of parsing, so the lock is still taken rarely.
        static let smallestStripe = 256 << 10

        let source: MessageSource
        let jobs: Int
        var nextInput = 0
        /// The next unit's place in the input.
        var nextSequence = 0
        var current: (ByteStorage, MboxSplitter.Stripes, MIMEParserOptions)?
        /// The mboxes with stripes not yet parsed, and which of their pages can go back.
        var releasers: [(storage: ByteStorage, releaser: PageReleaser)] = []

        /// With `first`, the input already loaded, and its options: the source's only input.
        init(source: MessageSource, jobs: Int, first: (ByteStorage, MIMEParserOptions)? = nil) {
            self.source = source
            self.jobs = jobs
            if let (storage, options) = first {
                nextInput = 1
                start(storage, options)
            }
        }

        /// Makes `storage` the mbox whose stripes are handed out next.
        private mutating func start(_ storage: ByteStorage, _ options: MIMEParserOptions) {
            current = (storage, MboxSplitter.stripes(of: storage, size: Self.stripeSize, options: options), options)
            if storage.count > 0 { releasers.append((storage, PageReleaser(count: storage.count))) }
        }

        /// Records that a thread has parsed `range` of `storage`, a stripe; returns the byte
        /// ranges whose pages it should give back now.
        mutating func parsed(_ range: Range<Int>, of storage: ByteStorage) -> [Range<Int>] {
            guard let index = releasers.firstIndex(where: { $0.storage === storage }) else { return [] }
            let ranges = releasers[index].releaser.parsed(range)
            if releasers[index].releaser.isFinished { releasers.remove(at: index) }
            return ranges
        }

        /// The size of the next stripe: `stripeSize` until the rest of the mbox is shorter
        /// than four stripes a thread, then a quarter of a thread's share of the rest (at
        /// least `smallestStripe`). With stripes of one size, the threads that finish first
        /// waited for the last stripe, half a stripe's time on average (~3% of a run of
        /// `small.mbox` on two threads); shrinking them at the end makes that wait a fraction
        /// of the smallest stripe. The last input only: before it, the next file keeps the
        /// threads busy.
        func stripeSize(remaining: Int) -> Int {
            guard nextInput == source.inputs.count else { return Self.stripeSize }
            return min(Self.stripeSize, max(remaining / (4 * jobs), min(Self.smallestStripe, Self.stripeSize)))
        }

        /// A unit of the file read last, numbered next in input order.
        private mutating func unit(_ storage: ByteStorage, _ range: Range<Int>, _ options: MIMEParserOptions,
                                   isStripe: Bool) -> Item {
            defer { nextSequence += 1 }
            return .unit(storage, range, options, isStripe: isStripe, sequence: nextSequence, input: nextInput - 1)
        }

        mutating func next() -> Item? {
            while true {
                if let (storage, stripes, options) = current {
                    var stripes = stripes
                    if let range = stripes.next(size: stripeSize(remaining: stripes.remainingBytes)) {
                        current = (storage, stripes, options)
                        return unit(storage, range, options, isStripe: true)
                    }
                    current = nil
                }
                guard nextInput < source.inputs.count else { return nil }
                let input = source.inputs[nextInput]
                nextInput += 1
                do {
                    let storage = try source.load(input)
                    let options = source.options(for: storage)
                    if options.mbox {
                        start(storage, options)
                    } else {
                        return unit(storage, 0..<storage.count, options, isStripe: false)
                    }
                } catch {
                    return .failure(error)
                }
            }
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func files(in directory: String, where keep: (String) -> Bool) throws -> [String] {
        guard let handle = opendir(directory) else {
            throw CLIError("\(directory): \(String(cString: strerror(errno)))")
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != "." && name != "..", keep(name) else { continue }
            var info = stat()
            let path = "\(directory)/\(name)"
            if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG { names.append(name) }
        }
        return names.sorted().map { "\(directory)/\($0)" }
    }
}

/// Writes `message` as one line on stderr, as the CLI's errors are.
func reportError(_ message: String) {
    let line = "Error: \(message)\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
}
