import Foundation
import KubeAPI
import Synchronization
import Wire

/// Durable pod creates through the protocol: a fixed number of small pod creates, spread over a few admin
/// connections with many requests in flight on each, against a fresh control plane with no nodes. Each create is
/// acknowledged only once committed to the store.
struct CreateRateBench {
    let context: BenchContext

    /// The pods nothing else writes (bound to a node that does not exist), or pods the scheduler also works on.
    enum Variant: String, CaseIterable, Sendable {
        case bound, unschedulable
    }

    struct Result: Sendable {
        var elapsed: Duration
        var latencies: [Duration]
        var stored: Int
        /// CPU seconds the control plane and kbench used while the creates ran.
        var controlPlaneCPU: Double?
        var benchCPU: Double?
        /// The share of the whole machine's CPU time that was busy (any process) while the creates ran.
        var machineBusy: Double?

        /// Why the rate is what it is: the control plane's CPU per create, the rate that allows on every processor,
        /// and how many processors it kept busy.
        func why(creates: Int) -> String {
            let wall = Samples.seconds(elapsed)
            guard let controlPlaneCPU, creates > 0, controlPlaneCPU > 0, wall > 0 else { return cpuText }
            let perCreate = controlPlaneCPU / Double(creates)
            let processors = ProcessInfo.processInfo.activeProcessorCount
            let ceiling = Int((Double(processors) / perCreate).rounded())
            let busy = controlPlaneCPU / wall
            let saturated = (machineBusy ?? 0) >= 0.85
            return "the control plane spends \(Samples.format(perCreate)) of CPU per create (request decoding, "
                + "admission, SQLite commit, watch fan-out, TLS), which caps it near \(Samples.grouped(ceiling))/s "
                + "even with all \(processors) processors busy, and it kept "
                + "\(Samples.decimal(busy, places: 2)) of them busy: "
                + (saturated
                    ? "the machine's processors were saturated (\(Int(((machineBusy ?? 0) * 100).rounded()))% busy, "
                        + "other processes included)"
                    : "creates mostly waited on one another (a serialised write path) rather than on CPU, with the "
                        + "machine \(Int(((machineBusy ?? 0) * 100).rounded()))% busy")
                + (benchCPU.map { "; kbench's own requests took \(Samples.format($0)) of CPU beside it" } ?? "")
        }

        /// `the control plane used 3.1 s of CPU in 3.4 s (0.9 cores), kbench 1.2 s`.
        var cpuText: String {
            let wall = Samples.seconds(elapsed)
            guard let controlPlaneCPU, let benchCPU, wall > 0 else { return "CPU use unknown" }
            let machine = machineBusy.map { ", machine \(Int(($0 * 100).rounded()))% busy" } ?? ""
            return "the control plane used \(Samples.format(controlPlaneCPU)) of CPU in \(Samples.format(wall)) "
                + "(\(Samples.decimal(controlPlaneCPU / wall, places: 2)) cores busy), "
                + "kbench \(Samples.format(benchCPU))\(machine)"
        }
    }

    func run() async -> Section {
        var section = Section(title: "Pod creates")
        let plan = context.plan
        for variant in Variant.allCases {
            let what = variant == .bound
                ? "durable pod creates through the protocol (pods bound to an absent node)"
                : "durable pod creates, unschedulable pods (the scheduler writes status and an event for each)"
            let target = variant == .bound ? "5,000/s or more" : "5,000/s or more (same target, heavier case)"
            do {
                let result = try await measure(variant)
                await ProcessRegistry.shared.stopAll()
                let rate = Double(plan.podCreates) / Samples.seconds(result.elapsed)
                let latency = Samples(result.latencies)
                let measured = "\(Samples.grouped(Int(rate.rounded())))/s"
                section.figures.append(Figure(
                    what: what, target: target, measured: measured,
                    verdict: rate >= 5_000 ? .met
                        : .missed(result.why(creates: plan.podCreates))))
                section.notes.append("\(variant.rawValue): \(Samples.grouped(plan.podCreates)) creates in "
                    + "\(Samples.format(Samples.seconds(result.elapsed))) = \(measured); latency of one create "
                    + "\(latency.minMedianMax), p99 \(Samples.format(latency.percentile(99) ?? 0)); "
                    + "\(Samples.grouped(result.stored)) pods listed afterwards; \(result.cpuText).")
                context.log("pod creates (\(variant.rawValue)): \(measured)")
            } catch {
                await ProcessRegistry.shared.stopAll()
                section.figures.append(Figure(what: what, target: target, measured: "—",
                                              verdict: .notMeasured("failed: \(error)")))
            }
        }
        section.notes.insert(
            "\(Samples.grouped(plan.podCreates)) creates of a one-container pod per case, over "
                + "\(plan.createConnections) TLS connections with \(plan.createInFlight) requests in flight on each "
                + "(kbench runs on the same \(ProcessInfo.processInfo.activeProcessorCount) processors as the "
                + "control plane and takes part of them); timed from the "
                + "first request to the last acknowledgement. Each case on a fresh control plane with no nodes. The "
                + "store commits every write to SQLite (WAL, synchronous=NORMAL) before acknowledging it.",
            at: 0)
        return section
    }

    /// One case on a fresh control plane in the work directory's `directory` (default `creates-VARIANT`).
    func measure(_ variant: Variant, directory: String? = nil) async throws -> Result {
        let cluster = try await BenchCluster.start(
            binaries: context.binaries,
            directory: try context.directory(directory ?? "creates-\(variant.rawValue)"))
        let plan = context.plan
        return try await withConnections(cluster, count: plan.createConnections) { clients in
            let next = IndexDispenser()
            let controlPlaneCPU = ProcessMemory.cpuSeconds(pid: cluster.process.pid)
            let benchCPU = ProcessMemory.cpuSeconds()
            let machine = ProcessMemory.machineTicks()
            let start = ContinuousClock.now
            let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
                for client in clients {
                    for _ in 0..<plan.createInFlight {
                        group.addTask {
                            var mine: [Duration] = []
                            while true {
                                let index = next.take()
                                guard index < plan.podCreates else { return mine }
                                let pod = BenchObjects.idlePod(
                                    name: "bench-\(index)", namespace: "default",
                                    boundTo: variant == .bound ? "kbench-absent-node" : nil)
                                let sent = ContinuousClock.now
                                _ = try await client.createObject(.pod, pod, namespace: "default")
                                mine.append(ContinuousClock.now - sent)
                            }
                        }
                    }
                }
                return try await group.reduce(into: [Duration]()) { $0 += $1 }
            }
            let elapsed = ContinuousClock.now - start
            let controlPlaneUsed = ProcessMemory.cpuSeconds(pid: cluster.process.pid).flatMap { end in
                controlPlaneCPU.map { end - $0 }
            }
            let benchUsed = ProcessMemory.cpuSeconds().flatMap { end in benchCPU.map { end - $0 } }
            let machineBusy = ProcessMemory.machineTicks().flatMap { end in
                machine.flatMap { start in
                    end.total > start.total ? (end.busy - start.busy) / (end.total - start.total) : nil
                }
            }
            let list = try await clients[0].listObjects(
                .pod, namespace: "default", options: ListOptions(labelSelector: "app=kbench"))
            let stored = list["items"]?.arrayValue?.count ?? 0
            guard stored == plan.podCreates else {
                throw BenchError("\(plan.podCreates) creates acknowledged but \(stored) pods listed")
            }
            return Result(
                elapsed: elapsed, latencies: latencies, stored: stored, controlPlaneCPU: controlPlaneUsed,
                benchCPU: benchUsed, machineBusy: machineBusy)
        }
    }

    /// Opens `count` admin connections (all before `body` starts) and runs `body` with them (calls may take 60 s
    /// each: creates queue behind thousands of others).
    private func withConnections<T: Sendable>(
        _ cluster: BenchCluster, count: Int, opened: [WireClusterClient] = [],
        _ body: @escaping @Sendable ([WireClusterClient]) async throws -> T
    ) async throws -> T {
        guard opened.count < count else { return try await body(opened) }
        return try await cluster.withAdmin { client in
            try await withConnections(cluster, count: count, opened: opened + [client.timeout(.seconds(60))], body)
        }
    }
}

/// Hands out 0, 1, 2, ... to concurrent workers.
final class IndexDispenser: Sendable {
    private let next = Atomic<Int>(0)

    /// The next index.
    func take() -> Int { next.wrappingAdd(1, ordering: .relaxed).oldValue }
}
