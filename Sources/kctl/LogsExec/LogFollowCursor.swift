import Foundation
import KubeAPI
import Wire

/// Where `kctl logs -f` is in a container's log, so that it can pick the log up again after a control-plane
/// restart without repeating or losing a line. The log is requested with timestamps (the kubelet's RFC 3339
/// timestamps with nanoseconds, one before each line); the cursor prints the lines (without the timestamps unless
/// `--timestamps` was asked) and remembers the newest timestamp printed, how many lines carried it, and how much of
/// an unfinished line was printed. After ``resume(_:now:)`` the new stream, asked for the log since that second,
/// is skipped up to where printing stopped. Pure.
struct LogFollowCursor: Sendable, Equatable {
    /// Whether the user asked for `--timestamps`.
    let showTimestamps: Bool

    /// The timestamp of the newest line started, and how many lines started with it.
    private(set) var lastTime: String?
    private var linesAtLastTime = 0
    /// Content bytes printed of the current line; nil at the start of a line.
    private var printedOfLine: Int?
    /// The timestamp being read at the start of a line.
    private var header: [UInt8] = []
    /// What the current line does with its content.
    private var line = LineMode.print
    /// After a resume: lines up to here were printed already.
    private var skip: Skip?

    private enum LineMode: Equatable {
        case print
        case drop
        case skipBytes(Int)
    }

    private struct Skip: Equatable {
        /// The timestamp printing stopped at.
        var time: String
        /// Complete lines with that timestamp already printed, and those seen again so far.
        var lines: Int
        var seen = 0
        /// Bytes printed of the next line with that timestamp (0 if none was begun).
        var bytes: Int
    }

    init(showTimestamps: Bool) {
        self.showTimestamps = showTimestamps
    }

    /// Consumes output of the (timestamped) log; returns the bytes to print.
    mutating func feed(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        for byte in bytes {
            if printedOfLine == nil {
                if byte == UInt8(ascii: " ") {
                    startLine(time: String(decoding: header, as: UTF8.self), output: &output)
                } else if byte == UInt8(ascii: "\n") {
                    // A line without a timestamp: printed as it is.
                    output += header + [byte]
                    header = []
                } else {
                    header.append(byte)
                }
                continue
            }
            switch line {
            case .drop: break
            case .skipBytes(let count) where count > 0: line = .skipBytes(count - 1)
            default:
                output.append(byte)
                if byte != UInt8(ascii: "\n") { printedOfLine? += 1 }
            }
            if byte == UInt8(ascii: "\n") {
                printedOfLine = nil
                line = .print
            }
        }
        return output
    }

    /// Prepares to pick the log up again: returns the request to do it with (the log since the newest line
    /// printed, or `request` itself if nothing was printed yet) and skips, in what comes next, what was printed.
    mutating func resume(_ request: Request, now: Date) -> Request {
        defer {
            header = []
            printedOfLine = nil
            line = .print
        }
        guard let lastTime, let seconds = Timestamp.parse(String(lastTime.prefix(19)) + "Z") else { return request }
        let begun = printedOfLine ?? 0
        let complete = printedOfLine == nil ? linesAtLastTime : linesAtLastTime - 1
        skip = Skip(time: lastTime, lines: complete, bytes: printedOfLine == nil ? 0 : begun)
        var resumed = request
        resumed.tailLines = nil
        resumed.sinceSeconds = max(1, Int64(now.timeIntervalSince(seconds).rounded(.up)) + 1)
        return resumed
    }

    // MARK: - Internals

    /// A timestamp ended: decides what the line does, and prints its timestamp if asked.
    private mutating func startLine(time: String, output: inout [UInt8]) {
        header = []
        printedOfLine = 0
        if var pending = skip {
            if time < pending.time {
                line = .drop
                return
            }
            if time == pending.time && pending.seen < pending.lines {
                pending.seen += 1
                skip = pending
                line = .drop
                return
            }
            skip = nil
            if time == pending.time && pending.bytes > 0 {
                // The line printing stopped in: its timestamp and first bytes are out already.
                line = .skipBytes(pending.bytes)
                printedOfLine = pending.bytes
                return
            }
        }
        line = .print
        if time == lastTime {
            linesAtLastTime += 1
        } else {
            lastTime = time
            linesAtLastTime = 1
        }
        if showTimestamps { output += Array(time.utf8) + [UInt8(ascii: " ")] }
    }
}
