import Foundation
import KubeAPI
import Wire

/// Streams one container log file to a client: what the file holds (tailed, filtered, rendered by
/// ``LogRenderer``), then, when following, what is appended to it until the run that writes it has ended.
///
/// Following polls the file every ``pollInterval`` while nothing new is there; once `isWriting` says the run has
/// ended, a last read picks up what it wrote before it ended.
struct LogStreamer: Sendable {
    /// How often a followed file is checked for new records.
    static let pollInterval: Duration = .milliseconds(100)
    /// The most read from the file at once.
    static let readSize = 64 * 1024

    let file: URL
    let options: LogOptions
    let follow: Bool
    /// Whether the run writing `file` is still going.
    let isWriting: @Sendable () async -> Bool

    /// Sends the log through `send` until done (or the task is cancelled).
    func run(send: @Sendable (StreamChunk) async -> Void) async throws {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return }
        defer { try? handle.close() }
        var renderer = LogRenderer(options: options)
        var pending: [UInt8] = []
        // What the file holds now, block by block; with a tail, only the last lines are kept meanwhile.
        var kept: [CRILog.Record] = []
        while !renderer.isExhausted, let data = try handle.read(upToCount: Self.readSize), !data.isEmpty {
            let records = Self.take(data, from: &pending)
            if let lines = options.tailLines {
                kept = LogRenderer.tail(kept + records, lines: lines)
            } else {
                await send(StreamChunk(.stdout, renderer.render(records)))
            }
            try Task.checkCancellation()
        }
        if options.tailLines != nil { await send(StreamChunk(.stdout, renderer.render(kept))) }
        guard follow else { return }
        var ended = false
        while !renderer.isExhausted && !Task.isCancelled {
            let data = try handle.read(upToCount: Self.readSize) ?? Data()
            if data.isEmpty {
                if ended { return }
                // The run may have written its last records just before it ended: read once more after this.
                ended = !(await isWriting())
                if !ended { try await Task.sleep(for: Self.pollInterval) }
                continue
            }
            await send(StreamChunk(.stdout, renderer.render(Self.take(data, from: &pending))))
        }
    }

    /// The complete records of `pending` + `data`; what follows the last newline stays in `pending`.
    private static func take(_ data: Data, from pending: inout [UInt8]) -> [CRILog.Record] {
        pending += data
        let (records, consumed) = CRILog.records(in: pending)
        pending.removeFirst(consumed)
        return records
    }
}
