import Foundation
import KubeAPI
import NIOHTTP1
import NIOSSL
import Synchronization

/// Pod creates through the REST front door, as a Kubernetes client sends them: `POST
/// /api/v1/namespaces/NS/pods` with a JSON body on keep-alive HTTP/1.1 connections over client-certificate TLS, each
/// connection with one request in flight (HTTP/1.1 has no multiplexing), so `connections` is the concurrency.
///
/// Every connection is opened (TLS handshake done) before the clock starts; the time runs from then to the last
/// answer.
struct HTTPSCreateLoad: Sendable {
    let host: String
    let port: Int
    let context: NIOSSLContext
    let namespace: String
    /// Pods are named `\(prefix)-N`.
    let prefix: String
    /// The pods' node: bound to an absent node (nothing else writes them) when set, else left for the scheduler.
    let boundTo: String?

    struct Result: Sendable {
        var elapsed: Duration
        var latencies: [Duration]
        /// CPU seconds of the control plane (`controlPlanePID`) and of kbench while the creates ran.
        var controlPlaneCPU: Double?
        var benchCPU: Double?
        var machineBusy: Double?
    }

    /// Creates `count` pods over `connections` connections; every answer must be 201.
    func run(count: Int, connections: Int, controlPlanePID: Int32?) async throws -> Result {
        let next = IndexDispenser()
        let readings = CPUReadings(pid: controlPlanePID)
        let gate = StartGate(parties: connections) { readings.start() }
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for _ in 0..<connections {
                group.addTask {
                    do {
                        return try await HTTPSConnection.with(host: host, port: port, context: context) { connection in
                            await gate.arrive()
                            var mine: [Duration] = []
                            while true {
                                let index = next.take()
                                guard index < count else { return mine }
                                let body = BenchObjects.idlePod(
                                    name: "\(prefix)-\(index)", namespace: namespace, boundTo: boundTo
                                ).canonicalJSON
                                let sent = ContinuousClock.now
                                let answer = try await connection.send(
                                    .POST, "/api/v1/namespaces/\(namespace)/pods", json: body)
                                guard answer.status == 201 else {
                                    throw BenchError("POST pod \(prefix)-\(index) answered \(answer.status): "
                                        + String(decoding: answer.body.prefix(300), as: UTF8.self))
                                }
                                mine.append(ContinuousClock.now - sent)
                            }
                        }
                    } catch {
                        if gate.opened == nil { gate.abandon() }
                        throw error
                    }
                }
            }
            return try await group.reduce(into: [Duration]()) { $0 += $1 }
        }
        let end = ContinuousClock.now
        guard let start = gate.opened else { throw BenchError("the creates never started") }
        let used = readings.finish()
        return Result(
            elapsed: end - start, latencies: latencies, controlPlaneCPU: used.controlPlane, benchCPU: used.bench,
            machineBusy: used.machineBusy)
    }

    /// How many pods labelled `app=kbench` a GET of the namespace's pods lists.
    func countListed() async throws -> Int {
        try await HTTPSConnection.with(host: host, port: port, context: context) { connection in
            let answer = try await connection.send(
                .GET, "/api/v1/namespaces/\(namespace)/pods?labelSelector=app%3Dkbench")
            guard answer.status == 200 else { throw BenchError("listing pods answered \(answer.status)") }
            return try JSONValue(jsonData: Data(answer.body))["items"]?.arrayValue?.count ?? 0
        }
    }
}

/// CPU time of a process and of kbench, and the machine's busy share, between ``start()`` and ``finish()``.
final class CPUReadings: Sendable {
    private struct Marks {
        var controlPlane: Double?
        var bench: Double?
        var machine: (busy: Double, total: Double)?
    }

    private let pid: Int32?
    private let marks = Mutex(Marks())

    init(pid: Int32?) {
        self.pid = pid
    }

    func start() {
        let marks = Marks(
            controlPlane: pid.flatMap { ProcessMemory.cpuSeconds(pid: $0) }, bench: ProcessMemory.cpuSeconds(),
            machine: ProcessMemory.machineTicks())
        self.marks.withLock { $0 = marks }
    }

    /// CPU seconds used since ``start()`` by the process and by kbench, and the machine's busy share.
    func finish() -> (controlPlane: Double?, bench: Double?, machineBusy: Double?) {
        let start = marks.withLock { $0 }
        let controlPlane = pid.flatMap { ProcessMemory.cpuSeconds(pid: $0) }.flatMap { end in
            start.controlPlane.map { end - $0 }
        }
        let bench = ProcessMemory.cpuSeconds().flatMap { end in start.bench.map { end - $0 } }
        let busy = ProcessMemory.machineTicks().flatMap { end in
            start.machine.flatMap { start in
                end.total > start.total ? (end.busy - start.busy) / (end.total - start.total) : nil
            }
        }
        return (controlPlane, bench, busy)
    }
}
