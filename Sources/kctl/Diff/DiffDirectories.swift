import Foundation

/// The two directories kubectl diff compares (`/tmp/LIVE-<n>` and `/tmp/MERGED-<n>`), one file per object, and the
/// comparison: the external program `KUBECTL_EXTERNAL_DIFF` names, or GNU `diff -u -N`'s output for the two
/// directories computed here (``UnifiedDiff``).
struct DiffDirectories {
    let live: URL
    let merged: URL

    /// Creates both directories under the temporary directory.
    init() throws {
        live = try Self.makeTemporary(prefix: "LIVE-")
        merged = try Self.makeTemporary(prefix: "MERGED-")
    }

    /// Writes one object's two texts (`nil`: the object is absent on that side: an empty file, as kubectl's).
    func write(name: String, live liveText: String?, merged mergedText: String?) throws {
        try Data((liveText ?? "").utf8).write(to: live.appendingPathComponent(name))
        try Data((mergedText ?? "").utf8).write(to: merged.appendingPathComponent(name))
    }

    func remove() {
        try? FileManager.default.removeItem(at: live)
        try? FileManager.default.removeItem(at: merged)
    }

    /// `diff -u -N LIVE MERGED` as GNU diff prints it, and whether anything differs.
    func unifiedDiff() throws -> (text: String, different: Bool) {
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: live.path))
            .union(try FileManager.default.contentsOfDirectory(atPath: merged.path)).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var output = ""
        for name in names {
            let from = live.appendingPathComponent(name)
            let to = merged.appendingPathComponent(name)
            let old = (try? String(contentsOf: from, encoding: .utf8)) ?? ""
            let new = (try? String(contentsOf: to, encoding: .utf8)) ?? ""
            let hunks = UnifiedDiff.hunks(old: old, new: new)
            guard !hunks.isEmpty else { continue }
            output += "diff -u -N \(from.path) \(to.path)\n"
            output += "--- \(from.path)\t\(Self.modificationTime(from.path))\n"
            output += "+++ \(to.path)\t\(Self.modificationTime(to.path))\n"
            output += hunks
        }
        return (output, !output.isEmpty)
    }

    /// Runs `command` (KUBECTL_EXTERNAL_DIFF: a program and its flags) on the two directories, its output passed
    /// through; its exit status.
    func external(_ command: String) throws -> Int32 {
        let words = command.split(separator: " ").map(String.init)
        guard let program = words.first else { return 0 }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + words.dropFirst() + [live.path, merged.path]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// GNU diff's timestamp of a file: `2026-12-07 21:51:47.827339394 +0000`, in local time (the nanoseconds as
    /// exact as Foundation's modification date carries them).
    static func modificationTime(_ path: String) -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let date = attributes?[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let zone = DateFormatter()
        zone.locale = Locale(identifier: "en_US_POSIX")
        zone.dateFormat = "xx"
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let nanoseconds = min(999_999_999, Int(((date.timeIntervalSince1970 - seconds) * 1e9).rounded()))
        let whole = Date(timeIntervalSince1970: seconds)
        return "\(formatter.string(from: whole)).\(String(format: "%09d", nanoseconds)) \(zone.string(from: whole))"
    }

    /// `os.MkdirTemp("", prefix)`: the prefix and a random number.
    private static func makeTemporary(prefix: String) throws -> URL {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        for _ in 0..<100 {
            let url = URL(fileURLWithPath: base).appendingPathComponent(prefix + String(UInt32.random(in: 0...UInt32.max)))
            if (try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])) != nil {
                return url
            }
        }
        throw MessageError("could not create a temporary directory in \(base)")
    }
}
