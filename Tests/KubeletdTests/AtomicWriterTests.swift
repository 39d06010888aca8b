import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import Kubeletd

@Suite struct AtomicWriterTests {
    /// A fresh directory under the system's temporary directory, removed after `body`.
    func withVolume(_ body: (URL) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try body(root.appendingPathComponent("volume"))
    }

    func link(_ path: URL) -> String? { try? FileManager.default.destinationOfSymbolicLink(atPath: path.path) }

    func text(_ path: URL) -> String? {
        FileManager.default.contents(atPath: path.path).map { String(decoding: $0, as: UTF8.self) }
    }

    func mode(_ path: URL) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path.path))?[.posixPermissions] as? Int
    }

    func entries(_ directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    @Test func firstWrite_layoutIsTimestampedDirectoryDataLinkAndVisibleLinks() throws {
        try withVolume { volume in
            let changed = try AtomicWriter(directory: volume).write(
                ["game.properties": VolumeFile("lives=3\n", mode: 0o644), "conf/ui.yaml": VolumeFile("a: 1", mode: 0o600)],
                now: Date(timeIntervalSince1970: 1_796_000_000))
            #expect(changed)
            let stamped = try #require(link(volume.appendingPathComponent("..data")))
            #expect(stamped.hasPrefix("..2026_11_30_"))
            #expect(entries(volume) == ["..data", stamped, "conf", "game.properties"].sorted())
            #expect(link(volume.appendingPathComponent("game.properties")) == "..data/game.properties")
            #expect(link(volume.appendingPathComponent("conf")) == "..data/conf")
            #expect(text(volume.appendingPathComponent("game.properties")) == "lives=3\n")
            #expect(text(volume.appendingPathComponent("conf/ui.yaml")) == "a: 1")
            #expect(mode(volume.appendingPathComponent(stamped).appendingPathComponent("game.properties")) == 0o644)
            #expect(mode(volume.appendingPathComponent(stamped).appendingPathComponent("conf/ui.yaml")) == 0o600)
            #expect(mode(volume.appendingPathComponent(stamped)) == 0o755)
        }
    }

    @Test func samePayload_writesNothing() throws {
        try withVolume { volume in
            let writer = AtomicWriter(directory: volume)
            let payload = ["a": VolumeFile("1", mode: 0o644)]
            try writer.write(payload)
            let before = link(volume.appendingPathComponent("..data"))
            #expect(try writer.write(payload) == false)
            #expect(link(volume.appendingPathComponent("..data")) == before)
            // A different mode is a change.
            #expect(try writer.write(["a": VolumeFile("1", mode: 0o400)]))
        }
    }

    @Test func update_switchesDataLink_removesOldDirectoryAndStaleLinks() throws {
        try withVolume { volume in
            let writer = AtomicWriter(directory: volume)
            try writer.write(["old": VolumeFile("x", mode: 0o644), "kept": VolumeFile("1", mode: 0o644)])
            let first = try #require(link(volume.appendingPathComponent("..data")))
            try writer.write(["kept": VolumeFile("2", mode: 0o644), "new": VolumeFile("y", mode: 0o644)])
            let second = try #require(link(volume.appendingPathComponent("..data")))
            #expect(first != second)
            #expect(entries(volume) == ["..data", second, "kept", "new"].sorted())
            #expect(text(volume.appendingPathComponent("kept")) == "2")
            #expect(text(volume.appendingPathComponent("new")) == "y")
        }
    }

    @Test func emptyPayload_leavesOnlyTheDataLink() throws {
        try withVolume { volume in
            let writer = AtomicWriter(directory: volume)
            try writer.write(["a": VolumeFile("1", mode: 0o644)])
            try writer.write([:])
            let stamped = try #require(link(volume.appendingPathComponent("..data")))
            #expect(entries(volume) == ["..data", stamped].sorted())
        }
    }

    @Test func reservedOrEscapingPaths_areRefused() throws {
        try withVolume { volume in
            for path in ["/etc/passwd", "../x", "a/../../x", "..data", ""] {
                #expect(throws: AtomicWriter.InvalidPath.self) {
                    try AtomicWriter(directory: volume).write([path: VolumeFile("x", mode: 0o644)])
                }
            }
        }
    }

    @Test(.enabled(if: geteuid() == 0, "chown needs root"))
    func owner_ownsTheFilesAndDirectoriesAWriteCreates() throws {
        try withVolume { volume in
            try AtomicWriter(directory: volume, owner: (uid: 200_123, gid: 200_123)).write([
                "a/b/key": VolumeFile("x", mode: 0o400)
            ])
            let stamped = try #require(link(volume.appendingPathComponent("..data")))
            for path in [stamped, stamped + "/a", stamped + "/a/b", stamped + "/a/b/key"] {
                let attributes = try FileManager.default.attributesOfItem(atPath: volume.appendingPathComponent(path).path)
                #expect(attributes[.ownerAccountID] as? Int == 200_123, "\(path)")
                #expect(attributes[.groupOwnerAccountID] as? Int == 200_123, "\(path)")
            }
        }
    }
}
