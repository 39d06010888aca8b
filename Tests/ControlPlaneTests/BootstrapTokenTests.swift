import Foundation
import KubeAPI
import TestSupport
import Testing
import Wire

@testable import ControlPlane

/// A fixed time for pure tests.
private let t0 = Date(timeIntervalSince1970: 1_795_000_000)


/// A fresh, empty temporary directory; the caller removes it.
private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("bootstrap-tokens-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct BootstrapTokenTests {
    // MARK: - Format

    @Test func parse_acceptsKubeadmFormat() throws {
        let (id, secret) = try BootstrapToken.parse("abcdef.0123456789abcdef")
        #expect(id == "abcdef")
        #expect(secret == "0123456789abcdef")
    }

    @Test(arguments: [
        "", "abcdef", "abcdef.", ".0123456789abcdef", "abcde.0123456789abcdef", "abcdefg.0123456789abcdef",
        "abcdef.0123456789abcde", "abcdef.0123456789abcdefa", "ABCDEF.0123456789abcdef", "abcdef.0123456789ABCDEF",
        "abcdef:0123456789abcdef", "abcdef.0123456789abcdef.x", "abc-ef.0123456789abcdef",
    ])
    func parse_rejectsMalformedTokens(_ text: String) {
        #expect(throws: BootstrapTokenError.invalidFormat(text)) { try BootstrapToken.parse(text) }
    }

    @Test func invalidFormat_neverEchoesTheSecret() {
        let error = BootstrapTokenError.invalidFormat("abcdef.0123456789abcdeX")
        #expect(!error.description.contains("0123456789"))
        #expect(error.description.contains("[a-z0-9]{6}.[a-z0-9]{16}"))
    }

    @Test func generate_makesWellFormedDistinctTokens() throws {
        var generator = SeededGenerator(seed: 42)
        let first = BootstrapToken.generate(now: t0, ttl: 3600, description: "d", using: &generator)
        let second = BootstrapToken.generate(now: t0, ttl: 3600, using: &generator)
        _ = try BootstrapToken.parse(first.token)
        _ = try BootstrapToken.parse(second.token)
        #expect(first.token != second.token)
        #expect(first.expires == t0 + 3600)
        #expect(first.createdAt == t0)
        #expect(first.description == "d")
        // The system generator too.
        _ = try BootstrapToken.parse(BootstrapToken.generate(now: t0, ttl: nil).token)
    }

    // MARK: - Expiry and matching

    @Test func expiry_isInclusiveAndNilNeverExpires() {
        let token = BootstrapToken(id: "abcdef", secret: "0123456789abcdef", expires: t0 + 60, createdAt: t0)
        #expect(!token.isExpired(now: t0))
        #expect(!token.isExpired(now: t0 + 59.9))
        #expect(token.isExpired(now: t0 + 60))
        #expect(token.isExpired(now: t0 + 3600))
        let forever = BootstrapToken(id: "abcdef", secret: "0123456789abcdef", expires: nil, createdAt: t0)
        #expect(!forever.isExpired(now: t0 + 100 * 365 * 86_400))
        #expect(BootstrapToken.generate(now: t0, ttl: 0).expires == nil)
    }

    @Test func authenticate_needsKnownIDMatchingSecretAndNoExpiry() {
        let tokens = [
            BootstrapToken(id: "abcdef", secret: "0123456789abcdef", expires: t0 + 60, createdAt: t0),
            BootstrapToken(id: "old000", secret: "0123456789abcdef", expires: t0 - 1, createdAt: t0 - 100),
        ]
        #expect(BootstrapTokenStore.authenticate("abcdef.0123456789abcdef", among: tokens, now: t0)?.id == "abcdef")
        #expect(BootstrapTokenStore.authenticate("abcdef.0123456789abcdee", among: tokens, now: t0) == nil)
        #expect(BootstrapTokenStore.authenticate("zzzzzz.0123456789abcdef", among: tokens, now: t0) == nil)
        #expect(BootstrapTokenStore.authenticate("old000.0123456789abcdef", among: tokens, now: t0) == nil)
        #expect(BootstrapTokenStore.authenticate("abcdef.0123456789abcdef", among: tokens, now: t0 + 60) == nil)
        #expect(BootstrapTokenStore.authenticate("not a token", among: tokens, now: t0) == nil)
    }

    // MARK: - TTL and the table

    @Test func ttl_parsesGoDurations() throws {
        #expect(try TokenTTL.parse("24h") == 86_400)
        #expect(try TokenTTL.parse("1h30m") == 5400)
        #expect(try TokenTTL.parse("90m") == 5400)
        #expect(try TokenTTL.parse("1.5h") == 5400)
        #expect(try TokenTTL.parse("45s") == 45)
        #expect(try TokenTTL.parse("0") == nil)
        #expect(try TokenTTL.parse("0s") == nil)
        for bad in ["", "h", "24", "24x", "-1h", "1h-", "abc"] {
            #expect(throws: BootstrapTokenError.invalidTTL(bad)) { try TokenTTL.parse(bad) }
        }
    }

    @Test func shortHumanDuration_matchesKubernetes() {
        #expect(TokenTTL.shortHumanDuration(-5) == "<invalid>")
        #expect(TokenTTL.shortHumanDuration(-0.5) == "0s")
        #expect(TokenTTL.shortHumanDuration(59) == "59s")
        #expect(TokenTTL.shortHumanDuration(3599) == "59m")
        #expect(TokenTTL.shortHumanDuration(86_399.9) == "23h")
        #expect(TokenTTL.shortHumanDuration(86_400 * 3) == "3d")
        #expect(TokenTTL.shortHumanDuration(86_400 * 800) == "2y")
    }

    @Test func table_hasKubeadmColumns() {
        let tokens = [
            BootstrapToken(id: "zzzzzz", secret: "0123456789abcdef", expires: nil, createdAt: t0),
            BootstrapToken(
                id: "abcdef", secret: "0123456789abcdef", expires: t0 + 86_400, description: "first", createdAt: t0),
        ]
        let expires = Timestamp.format(t0 + 86_400)
        let expected = """
            TOKEN                     TTL         EXPIRES                USAGES                   DESCRIPTION
            abcdef.0123456789abcdef   23h         \(expires)   authentication,signing   first
            zzzzzz.0123456789abcdef   <forever>   <never>                authentication,signing   <none>

            """
        #expect(BootstrapTokenTable.render(tokens, now: t0 + 1) == expected)
    }

    @Test func table_withoutTokens_isTheHeaderAtMinimumWidth() {
        #expect(
            BootstrapTokenTable.render([], now: t0)
                == "TOKEN     TTL       EXPIRES   USAGES    DESCRIPTION\n")
    }

    // MARK: - The file

    @Test func store_roundTripsAndWritesMode0600() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = BootstrapTokenStore(dataDirectory: directory)
        #expect(try store.load().isEmpty)

        let made = try store.create(ttl: 3600, description: "for n1", now: t0)
        let fixed = try store.create(token: "abcdef.0123456789abcdef", ttl: nil, now: t0)
        let loaded = try store.load()
        #expect(Set(loaded) == [made, fixed])
        #expect(AtomicFile.permissions(of: store.fileURL) == 0o600)
        #expect(try store.authenticate(made.token, now: t0 + 10)?.id == made.id)
        #expect(try store.authenticate(made.token, now: t0 + 3600) == nil)

        // The JSON file carries RFC 3339 times.
        let text = try #require(try AtomicFile.read(store.fileURL))
        #expect(text.contains("\"expires\" : \"\(Timestamp.format(t0 + 3600))\""))

        try store.delete("abcdef.0123456789abcdef")
        #expect(try store.load() == [made])
        #expect(throws: BootstrapTokenError.notFound(id: "abcdef")) { try store.delete("abcdef") }
        #expect(throws: BootstrapTokenError.invalidID("ABC")) { try store.delete("ABC") }
    }

    @Test func store_dropsExpiredTokensWhenCreating() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = BootstrapTokenStore(dataDirectory: directory)
        let old = try store.create(ttl: 60, now: t0)
        let new = try store.create(ttl: 60, now: t0 + 120)
        #expect(try store.load().map(\.id) == [new.id])
        #expect(old.id != new.id)
    }

    @Test func store_refusesACorruptFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = BootstrapTokenStore(dataDirectory: directory)
        try AtomicFile.write("{not json", to: store.fileURL)
        #expect(throws: BootstrapTokenError.self) { try store.load() }
    }

    @Test func ensureInitialToken_writesJoinTokenAndCAHash_andIsStable() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pki = try ControlPlanePKI.loadOrCreate(dataDir: directory, serverAddresses: [], now: t0)

        let token = try BootstrapTokenStore.ensureInitialToken(dataDir: directory, now: t0)
        _ = try BootstrapToken.parse(token)
        let joinToken = directory.appendingPathComponent("join-token")
        let caHash = directory.appendingPathComponent("ca.hash")
        #expect(try AtomicFile.read(joinToken) == token)
        #expect(AtomicFile.permissions(of: joinToken) == 0o600)
        #expect(try AtomicFile.read(caHash) == pki.caHash)
        let store = BootstrapTokenStore(dataDirectory: directory)
        let stored = try #require(try store.authenticate(token, now: t0))
        #expect(stored.expires == t0 + 86_400)

        // A restart while it is valid keeps it; once it expired (or was deleted), a fresh one replaces it.
        #expect(try BootstrapTokenStore.ensureInitialToken(dataDir: directory, now: t0 + 3600) == token)
        let renewed = try BootstrapTokenStore.ensureInitialToken(dataDir: directory, now: t0 + 86_400)
        #expect(renewed != token)
        #expect(try AtomicFile.read(joinToken) == renewed)
        try store.delete(renewed)
        let again = try BootstrapTokenStore.ensureInitialToken(dataDir: directory, now: t0 + 86_400)
        #expect(again != renewed)
        #expect(try store.load().map(\.token) == [again])
    }
}
