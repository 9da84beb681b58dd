import Foundation
import Testing

/// libcrypto and GPGME are loaded on the first call of one of their functions
/// (CMIMELibraryLoader), not when `mimekit` starts. The dynamic loader's own trace
/// (`LD_DEBUG=files`) says which were.
enum LibraryLoading {
    /// Runs `mimekit` with the loader's trace on; returns the run and the files of the libraries
    /// it opened, such as `libcrypto.so.3`.
    static func run(_ arguments: [String], stdin: [UInt8]) throws -> (CLITestSupport.Run, loaded: Set<String>) {
        let run = try CLITestSupport.run(arguments, stdin: stdin, environment: ["LD_DEBUG": "files"])
        var loaded = Set<String>()
        for line in run.stderr.split(separator: "\n") {
            guard let start = line.range(of: "file=")?.upperBound,
                  let end = line[start...].firstIndex(where: { $0 == " " || $0 == ";" }) else { continue }
            loaded.insert(String(line[start..<end]))
        }
        return (run, loaded)
    }

    static func opened(_ prefix: String, in loaded: Set<String>) -> Bool {
        loaded.contains { $0.hasPrefix(prefix) || $0.contains("/" + prefix) }
    }
}

extension CryptoCommandTests {
    @Suite struct LibraryLoadingOnFirstUse {
        @Test(arguments: [["stat"], ["dump"], ["scan"], ["scan", "--json"]])
        func commandsOnPlainMailLoadNeither(arguments: [String]) throws {
            let (run, loaded) = try LibraryLoading.run(arguments + ["-"], stdin: CryptoCommandTests.plain)
            #expect(run.status == 0, "stderr: \(run.stderr.suffix(500))")
            // The trace itself works: it names the C library every run opens.
            #expect(LibraryLoading.opened("libc.so", in: loaded), "\(loaded)")
            #expect(!LibraryLoading.opened("libcrypto.so", in: loaded))
            #expect(!LibraryLoading.opened("libgpgme.so", in: loaded))
        }

        @Test func extractOfPlainMailLoadsNeither() throws {
            let directory = try CryptoCommandTests.fixture.path("extract-plain")
            let (run, loaded) = try LibraryLoading.run(["extract", "-o", directory, "-"], stdin: CryptoCommandTests.plain)
            #expect(run.status == 0, "stderr: \(run.stderr.suffix(500))")
            #expect(!LibraryLoading.opened("libcrypto.so", in: loaded))
            #expect(!LibraryLoading.opened("libgpgme.so", in: loaded))
        }

        /// `dump --json` gives each leaf's SHA-256, which libcrypto computes.
        @Test func dumpJSONLoadsLibcryptoForTheDigests() throws {
            let (run, loaded) = try LibraryLoading.run(["dump", "--json", "-"], stdin: CryptoCommandTests.plain)
            #expect(run.status == 0, "stderr: \(run.stderr.suffix(500))")
            #expect(run.stdout.contains("\"sha256\""))
            #expect(LibraryLoading.opened("libcrypto.so", in: loaded))
            #expect(!LibraryLoading.opened("libgpgme.so", in: loaded))
        }

        @Test func smimeVerifyLoadsLibcryptoOnly() throws {
            let message = try CryptoCommandTests.opensslSigned(by: "alice")
            let ca = try CryptoCommandTests.fixture.path("ca.pem")
            let (run, loaded) = try LibraryLoading.run(["verify", "--trust", ca, "-"], stdin: message)
            #expect(run.status == 0, "stderr: \(run.stderr.suffix(500))")
            #expect(run.stdout.hasPrefix("TEXT: signed (smime, detached): valid\n"))
            #expect(LibraryLoading.opened("libcrypto.so", in: loaded))
            #expect(!LibraryLoading.opened("libgpgme.so", in: loaded))
        }
    }
}

extension OpenPGPCommandTests {
    @Test func pgpVerifyLoadsGPGMEOnFirstUse() throws {
        let message = Array(try carolSigned().utf8)
        let (run, loaded) = try LibraryLoading.run(["verify", "--json", "--gnupg-home", ours.path, "-"], stdin: message)
        #expect(run.status == 0, "stderr: \(run.stderr.suffix(500))")
        #expect(statuses(try json(run)) == ["valid"])
        #expect(LibraryLoading.opened("libgpgme.so", in: loaded))
    }
}
