import Foundation

/// How much each benchmark does: the full run, or `--quick` for a smoke run.
struct BenchPlan: Sendable {
    /// `kctl cluster create` (and the kbench-started equivalent) runs per cluster size.
    var createRepetitions: Int
    var clusterSizes = [3, 10]
    /// Joins: `joinRounds` rounds of `joinNodesPerRound` sequential joins (the round's nodes then leave).
    var joinRounds: Int
    var joinNodesPerRound: Int
    /// Nodes killed, and as many paused, in the fault benchmark.
    var faultNodesPerKind: Int
    /// How long joined nodes idle before their RSS is read.
    var settle: Duration
    /// Pod creates per variant, over `createConnections` connections with `createInFlight` requests in flight each.
    var podCreates: Int
    var createConnections = 4
    var createInFlight = 32
    /// Also measure `kctl cluster create --runtime docker`.
    var docker = false
    /// Nodes in the rolling-update benchmark.
    var rolloutNodes: Int
    /// The HTTPS benchmark: rounds of creates (frame protocol, then HTTPS), runs of each `get pods`, watched writes.
    var httpsRounds = 3
    var listPods = 1_000
    var listRuns = 7
    var watchWrites = 300

    static let full = BenchPlan(
        createRepetitions: 5, joinRounds: 6, joinNodesPerRound: 10, faultNodesPerKind: 4, settle: .seconds(5),
        podCreates: 5_000, rolloutNodes: 100)
    static let quick = BenchPlan(
        createRepetitions: 2, joinRounds: 1, joinNodesPerRound: 5, faultNodesPerKind: 1, settle: .seconds(2),
        podCreates: 1_000, rolloutNodes: 20, httpsRounds: 1, listRuns: 3, watchWrites: 50)

    var joins: Int { joinRounds * joinNodesPerRound }
}

/// What every benchmark gets: the binaries, a work directory of its own, the plan.
struct BenchContext: Sendable {
    let binaries: Binaries
    let workDirectory: URL
    let plan: BenchPlan

    /// A fresh subdirectory of the work directory.
    func directory(_ name: String) throws -> URL {
        let url = workDirectory.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Progress, on stderr (stdout carries the report).
    func log(_ message: String) {
        FileHandle.standardError.write(Data("kbench: \(message)\n".utf8))
    }
}
