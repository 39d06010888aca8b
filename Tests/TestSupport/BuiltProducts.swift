import Foundation

/// Locates the built executables for end-to-end tests: `$KCLUSTER_BIN_DIR` if set, else the directory holding the
/// test bundle (where `swift build` puts the products).
public enum BuiltProducts {
    public static func url(for name: String) throws -> URL {
        if let dir = ProcessInfo.processInfo.environment["KCLUSTER_BIN_DIR"] {
            let url = URL(fileURLWithPath: dir).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        // The test runner lives in .build/<triple>/debug; products sit beside it.
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [executable, executable.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw HarnessError("cannot find the built product \(name); run `swift build` first or set KCLUSTER_BIN_DIR")
    }
}

/// A failure of the test harness itself.
public struct HarnessError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
