import Foundation
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
        // Everything there now, tailed as a whole.
        while let data = try handle.read(upToCount: Self.readSize), !data.isEmpty { pending += data }
        var (records, consumed) = CRILog.records(in: pending)
        pending.removeFirst(consumed)
        if let lines = options.tailLines { records = LogRenderer.tail(records, lines: lines) }
        await send(StreamChunk(.stdout, renderer.render(records)))
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
            pending += data
            let (more, used) = CRILog.records(in: pending)
            pending.removeFirst(used)
            await send(StreamChunk(.stdout, renderer.render(more)))
        }
    }
}
