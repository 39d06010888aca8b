import Foundation
import KubeAPI
import Wire

/// Container log files in the CRI format, as the kubelet keeps them under `/var/log/pods`: one record per line,
/// `<time> <stream> <tag> <content>`, where `time` is RFC 3339 in UTC with nanoseconds
/// (`2024-05-01T10:00:00.123456789Z`), `stream` is `stdout` or `stderr`, and `tag` is `F` for a full line (whose
/// newline is not part of the content) or `P` for a part of a line that continues in the next record. Pure.
enum CRILog {
    /// One record of a log file.
    struct Record: Sendable, Hashable {
        var time: Date
        var stream: String
        /// A `P` record: the line goes on in the next record.
        var partial: Bool
        var content: [UInt8]
    }

    /// The records for a chunk of output read at `time`: one `F` record per complete line, and a `P` record for
    /// a trailing part without newline.
    static func encode(_ bytes: [UInt8], stream: String = "stdout", at time: Date) -> [UInt8] {
        guard !bytes.isEmpty else { return [] }
        let prefix = Array("\(formatTime(time)) \(stream) ".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 48)
        var start = 0
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            output += prefix
            output.append(newline == nil ? UInt8(ascii: "P") : UInt8(ascii: "F"))
            output.append(UInt8(ascii: " "))
            output += bytes[start..<(newline ?? bytes.count)]
            output.append(UInt8(ascii: "\n"))
            start = (newline ?? bytes.count - 1) + 1
        }
        return output
    }

    /// `2024-05-01T10:00:00.123456789Z`: Kubernetes' `RFC3339NanoFixed`, always nine fraction digits.
    static func formatTime(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let nanoseconds = min(999_999_999, max(0, Int(((date.timeIntervalSince1970 - seconds) * 1e9).rounded())))
        let whole = Timestamp.format(Date(timeIntervalSince1970: seconds))
        let fraction = String(nanoseconds)
        return String(whole.dropLast()) + "." + String(repeating: "0", count: 9 - fraction.count) + fraction + "Z"
    }

    /// Parses one line (without its newline). A line that is not a record (a log written before this format) is
    /// a full line of `stdout` at the epoch.
    static func parse(_ line: ArraySlice<UInt8>) -> Record {
        let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 3, omittingEmptySubsequences: false)
        if fields.count >= 3, let time = Timestamp.parse(String(decoding: fields[0], as: UTF8.self)),
            fields[2].count == 1, fields[2].first == UInt8(ascii: "F") || fields[2].first == UInt8(ascii: "P")
        {
            return Record(
                time: time, stream: String(decoding: fields[1], as: UTF8.self),
                partial: fields[2].first == UInt8(ascii: "P"), content: fields.count == 4 ? Array(fields[3]) : [])
        }
        return Record(time: Date(timeIntervalSince1970: 0), stream: "stdout", partial: false, content: Array(line))
    }

    /// The complete records at the start of `bytes`, and how many bytes they span (a record still being written,
    /// without its newline, is left for later).
    static func records(in bytes: [UInt8]) -> (records: [Record], consumed: Int) {
        var records: [Record] = []
        var start = 0
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            records.append(parse(bytes[start..<newline]))
            start = newline + 1
        }
        return (records, start)
    }

    /// The output the records stand for, without timestamps: `F` records end with a newline, `P` records do not.
    static func text(of records: [Record]) -> [UInt8] {
        var output: [UInt8] = []
        for record in records {
            output += record.content
            if !record.partial { output.append(UInt8(ascii: "\n")) }
        }
        return output
    }
}

/// What a log request asks for, on the node's side: `tailLines`, `sinceSeconds` (as a time), `timestamps`,
/// `limitBytes`.
struct LogOptions: Sendable, Hashable {
    var tailLines: Int?
    var since: Date?
    var timestamps = false
    var limitBytes: Int?

    init(tailLines: Int? = nil, since: Date? = nil, timestamps: Bool = false, limitBytes: Int? = nil) {
        self.tailLines = tailLines
        self.since = since
        self.timestamps = timestamps
        self.limitBytes = limitBytes
    }

    /// The options of a `pods/log` request received at `now`; negative values are refused as the API server does.
    init(_ request: Request, now: Date) throws {
        if let tail = request.tailLines, tail < 0 {
            throw Status.badRequest("tailLines: Invalid value: \(tail): must be greater than or equal to 0")
        }
        if let since = request.sinceSeconds, since < 1 {
            throw Status.badRequest("sinceSeconds: Invalid value: \(since): must be greater than 0")
        }
        if let limit = request.limitBytes, limit < 1 {
            throw Status.badRequest("limitBytes: Invalid value: \(limit): must be greater than 0")
        }
        self.init(
            tailLines: request.tailLines.map { Int($0) },
            since: request.sinceSeconds.map { now.addingTimeInterval(-TimeInterval($0)) },
            timestamps: request.timestamps ?? false, limitBytes: request.limitBytes.map { Int($0) })
    }
}

/// Turns log records into what the client sees, applying the options as records arrive (also while following).
/// A line is a run of `P` records ended by an `F` record. Pure.
struct LogRenderer: Sendable {
    let options: LogOptions
    private var emitted = 0
    private var atLineStart = true

    init(options: LogOptions) {
        self.options = options
    }

    /// Whether `limitBytes` has been reached: nothing more will be rendered.
    var isExhausted: Bool { options.limitBytes.map { emitted >= $0 } ?? false }

    /// The last `count` lines of `records`; a trailing part of a line (no `F` yet) counts as a line.
    static func tail(_ records: [Record], lines count: Int) -> [Record] {
        guard count > 0 else { return [] }
        var index = records.count - 1
        while index >= 0 && records[index].partial { index -= 1 }
        var lines = index < records.count - 1 ? 1 : 0
        var start = index + 1
        // `records[index]` ends a complete line; walk back one line at a time.
        while index >= 0 && lines < count {
            var first = index - 1
            while first >= 0 && records[first].partial { first -= 1 }
            lines += 1
            start = first + 1
            index = first
        }
        return Array(records[start...])
    }

    typealias Record = CRILog.Record

    /// The bytes for `records` (already tailed): records older than `since` skipped, a timestamp before each line
    /// when asked, cut at `limitBytes`.
    mutating func render(_ records: [Record]) -> [UInt8] {
        var output: [UInt8] = []
        for record in records {
            if let since = options.since, record.time < since { continue }
            if options.timestamps && atLineStart { output += Array((CRILog.formatTime(record.time) + " ").utf8) }
            output += record.content
            if !record.partial { output.append(UInt8(ascii: "\n")) }
            atLineStart = !record.partial
        }
        if let limit = options.limitBytes {
            let room = max(0, limit - emitted)
            if output.count > room { output.removeLast(output.count - room) }
        }
        emitted += output.count
        return output
    }
}
