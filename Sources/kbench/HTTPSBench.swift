import Foundation
import KubeAPI
import Wire

/// The Kubernetes API over HTTPS (the REST front door kubectl and client libraries use), measured beside the frame
/// protocol in the same run: `kubectl get pods` over many pods against `kctl get pods` (``KubectlListBench``),
/// durable pod creates per second (``HTTPSCreateLoad`` against ``CreateRateBench``, alternating on fresh control
/// planes), and watch event latency (``WatchLatency``).
struct HTTPSBench {
    let context: BenchContext

    func run() async -> Section {
        var section = Section(title: "Kubernetes API over HTTPS", marker: "https")
        section.notes.append("Load average (1, 5, 15 min) as this benchmark started: "
            + "\(MachineInfo.currentLoadAverage()) (other work on the machine shows here).")
        var listNotes: [String] = []
        context.log("https: kubectl get pods")
        section.figures += await KubectlListBench(context: context).run(notes: &listNotes)
        await ProcessRegistry.shared.stopAll()
        section.notes += listNotes
        context.log("https: creates")
        await creates(into: &section)
        context.log("https: watch latency")
        await watchLatency(into: &section)
        section.notes.append("Load average as it ended: \(MachineInfo.currentLoadAverage()).")
        return section
    }

    // MARK: - Creates

    /// One round's figures for one transport.
    private struct CreateRound: Sendable {
        var rate: Double
        var latencies: Samples
        /// Control-plane and kbench CPU per create, seconds.
        var controlPlaneCPU: Double?
        var benchCPU: Double?
        var machineBusy: Double?

        init(creates: Int, elapsed: Duration, latencies: [Duration], controlPlaneCPU: Double?, benchCPU: Double?,
             machineBusy: Double?) {
            rate = Double(creates) / Samples.seconds(elapsed)
            self.latencies = Samples(latencies)
            self.controlPlaneCPU = controlPlaneCPU.map { $0 / Double(creates) }
            self.benchCPU = benchCPU.map { $0 / Double(creates) }
            self.machineBusy = machineBusy
        }

        var text: String {
            "\(Samples.grouped(Int(rate.rounded())))/s, latency p50 \(Samples.format(latencies.median ?? 0)) · p99 "
                + "\(Samples.format(latencies.percentile(99) ?? 0)), control-plane CPU per create "
                + (controlPlaneCPU.map(Samples.format) ?? "unknown") + ", kbench's "
                + (benchCPU.map(Samples.format) ?? "unknown")
                + (machineBusy.map { ", machine \(Int(($0 * 100).rounded()))% busy" } ?? "")
        }
    }

    private func creates(into section: inout Section) async {
        let plan = context.plan
        let connections = plan.createConnections * plan.createInFlight
        let httpsWhat = "durable pod creates through HTTPS (`POST /api/v1/namespaces/default/pods`, \(connections) "
            + "keep-alive connections, pods bound to an absent node)"
        let frameWhat = "durable pod creates through the protocol, in the same rounds (the comparison)"
        var frame: [CreateRound] = []
        var https: [CreateRound] = []
        do {
            for round in 0..<plan.httpsRounds {
                let framed = try await CreateRateBench(context: context).measure(
                    .bound, directory: "https-frame-creates-\(round)")
                await ProcessRegistry.shared.stopAll()
                frame.append(CreateRound(
                    creates: plan.podCreates, elapsed: framed.elapsed, latencies: framed.latencies,
                    controlPlaneCPU: framed.controlPlaneCPU, benchCPU: framed.benchCPU,
                    machineBusy: framed.machineBusy))
                context.log("round \(round + 1): frame protocol \(frame[round].text)")
                https.append(try await httpsCreates(round: round, connections: connections))
                await ProcessRegistry.shared.stopAll()
                context.log("round \(round + 1): HTTPS \(https[round].text)")
            }
        } catch {
            await ProcessRegistry.shared.stopAll()
            section.figures.append(Figure(what: httpsWhat, target: "measured beside the frame protocol",
                                          measured: "—", verdict: .notMeasured("failed: \(error)")))
            return
        }
        let httpsRate = Samples(https.map(\.rate)).median ?? 0
        let frameRate = Samples(frame.map(\.rate)).median ?? 0
        let httpsCPU = Samples(https.compactMap(\.controlPlaneCPU)).median
        let frameCPU = Samples(frame.compactMap(\.controlPlaneCPU)).median
        let rates = { (rounds: [CreateRound]) in
            rounds.map { Samples.grouped(Int($0.rate.rounded())) + "/s" }.joined(separator: ", ")
        }
        section.figures.append(Figure(
            what: httpsWhat, target: "measured beside the frame protocol",
            measured: "median \(Samples.grouped(Int(httpsRate.rounded())))/s (rounds: \(rates(https)))",
            verdict: .metNoting(
                "\(Int((httpsRate / max(frameRate, 1) * 100).rounded()))% of the frame protocol's median rate; "
                    + "control-plane CPU per create \(httpsCPU.map(Samples.format) ?? "unknown") against "
                    + "\(frameCPU.map(Samples.format) ?? "unknown")")))
        section.figures.append(Figure(
            what: frameWhat, target: "5,000/s or more",
            measured: "median \(Samples.grouped(Int(frameRate.rounded())))/s (rounds: \(rates(frame)))",
            verdict: frameRate >= 5_000 ? .met : .missed(Self.whyMissed(frame, rate: frameRate))))
        section.notes.append(
            "Creates: \(plan.httpsRounds) round(s), each \(Samples.grouped(plan.podCreates)) creates over the frame "
                + "protocol (as in Pod creates: \(plan.createConnections) connections × \(plan.createInFlight) in "
                + "flight) on a fresh control plane, then as many over HTTPS on another fresh one: "
                + "\(connections) keep-alive HTTP/1.1 connections with client-certificate TLS 1.3, one request in "
                + "flight on each (HTTP/1.1 has no multiplexing; the same \(connections) requests in flight), "
                + "every connection open before the clock starts; timed from the first request to the last answer "
                + "(201 each), then the pods listed (all there). kbench's HTTP client is NIO's HTTP/1.1 codec "
                + "over `NIOAsyncChannel`.")
        for (index, (framed, overHTTPS)) in zip(frame, https).enumerated() {
            section.notes.append("Round \(index + 1): frame protocol \(framed.text); HTTPS \(overHTTPS.text).")
        }
    }

    /// Why the frame protocol's median rate missed 5,000/s: its CPU per create, the ceiling that gives, the machine.
    private static func whyMissed(_ rounds: [CreateRound], rate: Double) -> String {
        let processors = ProcessInfo.processInfo.activeProcessorCount
        guard let perCreate = Samples(rounds.compactMap(\.controlPlaneCPU)).median, perCreate > 0 else {
            return "CPU use unknown"
        }
        let busy = Samples(rounds.compactMap(\.machineBusy)).median ?? 0
        let benchCPU = Samples(rounds.compactMap(\.benchCPU)).median ?? 0
        return "the control plane spent \(Samples.format(perCreate)) of CPU per create and kbench "
            + "\(Samples.format(benchCPU)), which together allow about "
            + "\(Samples.grouped(Int((Double(processors) / (perCreate + benchCPU)).rounded())))/s on "
            + "\(processors) idle processors; the machine was \(Int((busy * 100).rounded()))% busy, other work "
            + "included (see the load average above)"
    }

    private func httpsCreates(round: Int, connections: Int) async throws -> CreateRound {
        let plan = context.plan
        let cluster = try await BenchCluster.start(
            binaries: context.binaries, directory: try context.directory("https-creates-\(round)"))
        let load = HTTPSCreateLoad(
            host: "127.0.0.1", port: cluster.port, context: try HTTPSConnection.context(cluster.tls),
            namespace: "default", prefix: "bench", boundTo: "kbench-absent-node")
        let result = try await load.run(
            count: plan.podCreates, connections: connections, controlPlanePID: cluster.process.pid)
        let listed = try await load.countListed()
        guard listed == plan.podCreates else {
            throw BenchError("\(plan.podCreates) creates answered 201 over HTTPS but \(listed) pods listed")
        }
        return CreateRound(
            creates: plan.podCreates, elapsed: result.elapsed, latencies: result.latencies,
            controlPlaneCPU: result.controlPlaneCPU, benchCPU: result.benchCPU, machineBusy: result.machineBusy)
    }

    // MARK: - Watch latency

    private func watchLatency(into section: inout Section) async {
        let writes = context.plan.watchWrites
        let httpsWhat = "watch event latency over HTTPS (`?watch=true` stream): create acknowledged → its event at "
            + "the watcher"
        let frameWhat = "watch event latency over the frame protocol, same measure (the comparison)"
        let frame: WatchLatency.Result
        let https: WatchLatency.Result
        do {
            let cluster = try await BenchCluster.start(
                binaries: context.binaries, directory: try context.directory("https-watch"))
            frame = try await WatchLatency.frame(cluster, writes: writes)
            https = try await WatchLatency.https(cluster, writes: writes)
            await ProcessRegistry.shared.stopAll()
        } catch {
            await ProcessRegistry.shared.stopAll()
            section.figures.append(Figure(what: httpsWhat, target: "measured beside the frame protocol",
                                          measured: "—", verdict: .notMeasured("failed: \(error)")))
            return
        }
        func shortPercentiles(_ durations: [Duration]) -> String {
            let samples = Samples(durations)
            return "p50 \(Samples.format(samples.median ?? 0)) · p99 \(Samples.format(samples.percentile(99) ?? 0))"
        }
        func percentiles(_ durations: [Duration]) -> String {
            "\(shortPercentiles(durations)) (n = \(durations.count))"
        }
        func measured(_ result: WatchLatency.Result) -> String {
            "\(percentiles(result.ackToEvent)); from sending the create: \(shortPercentiles(result.sendToEvent))"
        }
        section.figures.append(Figure(
            what: httpsWhat, target: "measured beside the frame protocol", measured: measured(https),
            verdict: .metNoting("frame protocol: \(shortPercentiles(frame.ackToEvent)); from sending: "
                + shortPercentiles(frame.sendToEvent))))
        section.figures.append(Figure(
            what: frameWhat, target: "— (the comparison)", measured: measured(frame), verdict: .noTarget))
        section.notes.append(
            "Watch latency: on one fresh control plane with no nodes, a watch of `default`'s pods (label app=kbench), "
                + "then \(writes) pod creates sent one at a time on another connection, each waiting for its ADDED "
                + "event before the next; the frame protocol first (kbench's admin connection carries the watch and "
                + "the creates), then HTTPS (the watch a chunked `?watch=true` answer read line by line, the creates "
                + "`POST`s on a second keep-alive connection). The store sends a commit's events to watchers before "
                + "it answers the writer, so an event can arrive before the acknowledgement: such an event counts "
                + "as 0 (frame protocol: \(frame.beforeAck) of \(writes); HTTPS: \(https.beforeAck) of \(writes)). "
                + "From sending the create to its event: frame protocol \(percentiles(frame.sendToEvent)); HTTPS "
                + "\(percentiles(https.sendToEvent)).")
        context.log("watch latency: frame \(percentiles(frame.ackToEvent)); HTTPS \(percentiles(https.ackToEvent))")
    }
}
