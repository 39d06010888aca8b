import Foundation
import KubeAPI
import TestSupport
import Testing
import Wire

@testable import kctl

/// `kctl cp`: the operands, kubectl's path rules and the tar codec (checked against GNU tar on the way in and out).
@Suite struct CopyTests {
    @Test func specs_parseAsKubectl() throws {
        #expect(try CopySpec.parse("web:/tmp/x") == CopySpec(pod: "web", path: "/tmp/x"))
        #expect(try CopySpec.parse("ns/web:x") == CopySpec(namespace: "ns", pod: "web", path: "x"))
        #expect(try CopySpec.parse("local/file") == CopySpec(path: "local/file"))
        #expect(throws: LabelError(CopySpec.formatError)) { try CopySpec.parse(":x") }
        #expect(throws: LabelError(CopySpec.formatError)) { try CopySpec.parse("a/b/c:x") }
        #expect(throws: LabelError("source and destination are required")) { try CopySpec.direction(["a"]) }
        #expect(throws: LabelError("one of src or dest must be a remote file specification")) {
            try CopySpec.direction(["a", "b"])
        }
        #expect(throws: LabelError("one of src or dest must be a local file specification")) {
            try CopySpec.direction(["p:/a", "q:/b"])
        }
        #expect(throws: LabelError("filepath can not be empty")) { try CopySpec.direction(["p:", "b"]) }
    }

    @Test func paths_followGosPathPackage() {
        #expect(CopySpec.clean("/tmp//d1/./sub/../x/") == "/tmp/d1/x")
        #expect(CopySpec.clean("../../a") == "../../a")
        #expect(CopySpec.clean("") == ".")
        #expect(CopySpec.dir("/tmp/x") == "/tmp" && CopySpec.dir("x") == "." && CopySpec.dir("/x") == "/")
        #expect(CopySpec.base("/tmp/d1/") == "d1" && CopySpec.base("/") == "/")
        #expect(CopySpec.join("/tmp", "", "a") == "/tmp/a")
        #expect(CopySpec.archivePrefix("/tmp/d1/") == "tmp/d1")
        #expect(CopySpec.archivePrefix("../../etc") == "etc")
        #expect(CopySpec.stripShortcuts("..") == "")
    }

    @Test func localPaths_stayInsideTheDestination() throws {
        #expect(try CopySpec.localPath(of: "tmp/d1/sub/b", prefix: "tmp/d1", destination: "out") == "out/sub/b")
        #expect(try CopySpec.localPath(of: "tmp/r.txt", prefix: "tmp/r.txt", destination: "back.txt") == "back.txt")
        #expect(try CopySpec.localPath(of: "tmp/d1/../../x", prefix: "tmp/d1", destination: "out") == nil)
        #expect(try CopySpec.localPath(of: "a", prefix: "", destination: ".") == "a")
        #expect(throws: LabelError("tar contents corrupted")) {
            try CopySpec.localPath(of: "etc/passwd", prefix: "tmp/d1", destination: "out")
        }
    }

    @Test func tar_roundTrips_longNamesIncluded() throws {
        let long = String(repeating: "n", count: 120) + "/file"
        let entries = [
            TarArchive.Entry(name: "d1/a", type: .file, mode: 0o600, contents: Array("1\n".utf8), modificationTime: 1_700_000_000),
            TarArchive.Entry(name: "d1/empty", type: .directory, mode: 0o755),
            TarArchive.Entry(name: "d1/link", type: .symlink, mode: 0o777, linkName: "a"),
            TarArchive.Entry(name: long, type: .file, contents: [UInt8](repeating: 7, count: 1000)),
        ]
        let archive = TarArchive.write(entries)
        #expect(archive.count % 512 == 0)
        #expect(try TarArchive.read(archive) == entries)
        #expect(try TarArchive.read([UInt8](repeating: 0, count: 10240)).isEmpty)
        var corrupt = archive
        corrupt[0] ^= 0xff
        #expect(throws: TarArchive.Failure(description: "archive/tar: invalid tar header")) { try TarArchive.read(corrupt) }
        #expect(throws: TarArchive.Failure(description: "unexpected EOF")) { try TarArchive.read(Array(archive.prefix(513))) }
    }

    /// GNU tar (the containers' `tar`) reads what kctl writes, and kctl reads what GNU tar writes.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tar")))
    func tar_interoperatesWithGNUTar() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kctl-tar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let long = String(repeating: "l", count: 110)
        let archive = TarArchive.write([
            TarArchive.Entry(name: "out/a.txt", type: .file, contents: Array("hello\n".utf8)),
            TarArchive.Entry(name: "out/\(long)", type: .file, contents: Array("long\n".utf8)),
        ])
        let tarFile = directory.appendingPathComponent("in.tar")
        try Data(archive).write(to: tarFile)
        let tar = URL(fileURLWithPath: "/usr/bin/tar")
        let extracted = try await runCommand(tar, ["-xmf", tarFile.path, "-C", directory.path])
        #expect(extracted.status == 0, "\(extracted)")
        #expect(try String(contentsOf: directory.appendingPathComponent("out/a.txt"), encoding: .utf8) == "hello\n")
        #expect(try String(contentsOf: directory.appendingPathComponent("out/\(long)"), encoding: .utf8) == "long\n")

        let created = try await runCommand(tar, ["cf", directory.appendingPathComponent("out.tar").path, "-C", directory.path, "out"])
        #expect(created.status == 0, "\(created)")
        let read = try TarArchive.read([UInt8](Data(contentsOf: directory.appendingPathComponent("out.tar"))))
        #expect(read.map(\.name).sorted() == ["out/", "out/a.txt", "out/\(long)"])
        #expect(read.first { $0.name == "out/\(long)" }?.contents == Array("long\n".utf8))
        #expect(read.first { $0.name == "out/" }?.type == .directory)
    }
}
