import Foundation

/// A CronJob's schedule as Kubernetes parses it (robfig/cron v3's `ParseStandard`): five fields (minute, hour, day
/// of month, month, day of week) with `*`, `?`, lists, ranges, steps and month and weekday names, or a descriptor
/// (`@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`, `@every <duration>`), with an
/// optional `TZ=`/`CRON_TZ=` prefix. Parse errors carry the library's texts, which the API server shows after
/// `spec.schedule: Invalid value: "…": `. Pure: times are parameters, the zone is given.
struct CronSchedule: Sendable, Equatable {
    /// Bits of the allowed values of each field.
    var minutes: UInt64
    var hours: UInt64
    var daysOfMonth: UInt64
    var months: UInt64
    var daysOfWeek: UInt64
    /// The day-of-month or day-of-week field was `*` or `?` (then both must match; otherwise either may).
    var daysOfMonthStar: Bool
    var daysOfWeekStar: Bool
    /// `@every`: a fixed interval instead of fields.
    var every: TimeInterval?
    /// A zone named by a `TZ=` prefix.
    var zone: TimeZone?

    /// A parse error with robfig/cron's text.
    struct ParseError: Error, Equatable, CustomStringConvertible {
        let description: String
    }

    private struct Bounds {
        let min: Int
        let max: Int
        let names: [String: Int]
    }

    private static let minuteBounds = Bounds(min: 0, max: 59, names: [:])
    private static let hourBounds = Bounds(min: 0, max: 23, names: [:])
    private static let domBounds = Bounds(min: 1, max: 31, names: [:])
    private static let monthBounds = Bounds(
        min: 1, max: 12,
        names: ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
                "nov": 11, "dec": 12])
    private static let dowBounds = Bounds(
        min: 0, max: 6, names: ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6])

    /// Parses `spec` as `cron.ParseStandard` does.
    static func parse(_ spec: String) throws(ParseError) -> CronSchedule {
        guard !spec.isEmpty else { throw ParseError(description: "empty spec string") }
        var spec = spec
        var zone: TimeZone?
        if spec.hasPrefix("TZ=") || spec.hasPrefix("CRON_TZ=") {
            guard let space = spec.firstIndex(of: " ") else {
                throw ParseError(description: "invalid timezone specification: \(spec)")
            }
            let equals = spec.firstIndex(of: "=")!
            let name = String(spec[spec.index(after: equals)..<space])
            guard let named = TimeZone(identifier: name) else {
                throw ParseError(description: "provided bad location \(name): unknown time zone \(name)")
            }
            zone = named
            spec = String(spec[space...]).trimmingCharacters(in: .whitespaces)
        }
        if spec.hasPrefix("@") {
            var schedule = try descriptor(spec)
            schedule.zone = zone
            return schedule
        }
        let fields = spec.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        guard fields.count == 5 else {
            throw ParseError(
                description: "expected exactly 5 fields, found \(fields.count): [\(fields.joined(separator: " "))]")
        }
        let (minutes, _) = try field(fields[0], minuteBounds)
        let (hours, _) = try field(fields[1], hourBounds)
        let (dom, domStar) = try field(fields[2], domBounds)
        let (months, _) = try field(fields[3], monthBounds)
        let (dow, dowStar) = try field(fields[4], dowBounds)
        return CronSchedule(
            minutes: minutes, hours: hours, daysOfMonth: dom, months: months, daysOfWeek: dow,
            daysOfMonthStar: domStar, daysOfWeekStar: dowStar, every: nil, zone: zone)
    }

    /// The first time strictly after `date` that the schedule fires, in `zone` (the schedule's own `TZ=` zone
    /// wins); nil when there is none within five years.
    func next(after date: Date, in zone: TimeZone) -> Date? {
        if let every {
            let seconds = floor(date.timeIntervalSince1970)
            return Date(timeIntervalSince1970: seconds + max(every, 1).rounded(.down))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.zone ?? zone
        var t = Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60)
        let yearLimit = calendar.component(.year, from: t) + 5
        while true {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: t)
            guard let year = c.year, let month = c.month, let day = c.day, let hour = c.hour, let minute = c.minute,
                let weekday = c.weekday, year <= yearLimit
            else { return nil }
            if !Self.has(months, month) {
                var first = DateComponents(year: year, month: month + 1, day: 1, hour: 0, minute: 0)
                if month == 12 { first = DateComponents(year: year + 1, month: 1, day: 1, hour: 0, minute: 0) }
                guard let advanced = calendar.date(from: first) else { return nil }
                t = advanced
                continue
            }
            if !dayMatches(day: day, weekday: weekday - 1) {
                let start = calendar.startOfDay(for: t)
                guard let advanced = calendar.date(byAdding: .day, value: 1, to: start) else { return nil }
                t = advanced
                continue
            }
            if !Self.has(hours, hour) {
                t = Date(timeIntervalSince1970: t.timeIntervalSince1970 - Double(minute * 60) + 3600)
                continue
            }
            if !Self.has(minutes, minute) {
                t += 60
                continue
            }
            return t
        }
    }

    private func dayMatches(day: Int, weekday: Int) -> Bool {
        let dom = Self.has(daysOfMonth, day)
        let dow = Self.has(daysOfWeek, weekday)
        if daysOfMonthStar || daysOfWeekStar { return dom && dow }
        return dom || dow
    }

    private static func has(_ bits: UInt64, _ value: Int) -> Bool { bits & (1 << UInt64(value)) != 0 }

    private static func bits(_ low: Int, _ high: Int, step: Int) -> UInt64 {
        var result: UInt64 = 0
        var value = low
        while value <= high {
            result |= 1 << UInt64(value)
            value += step
        }
        return result
    }

    /// A comma-separated list of ranges; also whether it was a bare `*`/`?` (robfig's star bit: a step above 1
    /// clears it).
    private static func field(_ text: String, _ bounds: Bounds) throws(ParseError) -> (UInt64, Bool) {
        var result: UInt64 = 0
        var star = false
        for expr in text.split(separator: ",").map(String.init) {
            let (bits, isStar) = try range(expr, bounds)
            result |= bits
            star = star || isStar
        }
        return (result, star)
    }

    private static func range(_ expr: String, _ bounds: Bounds) throws(ParseError) -> (UInt64, Bool) {
        let rangeAndStep = expr.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let lowAndHigh = rangeAndStep[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        var start: Int
        var end: Int
        var star = false
        if lowAndHigh[0] == "*" || lowAndHigh[0] == "?" {
            start = bounds.min
            end = bounds.max
            star = true
        } else {
            start = try intOrName(lowAndHigh[0], bounds.names)
            switch lowAndHigh.count {
            case 1: end = start
            case 2: end = try intOrName(lowAndHigh[1], bounds.names)
            default: throw ParseError(description: "too many hyphens: \(expr)")
            }
        }
        var step = 1
        switch rangeAndStep.count {
        case 1: break
        case 2:
            step = try positiveInt(rangeAndStep[1])
            if lowAndHigh.count == 1 { end = bounds.max }
            if step > 1 { star = false }
        default: throw ParseError(description: "too many slashes: \(expr)")
        }
        if start < bounds.min {
            throw ParseError(description: "beginning of range (\(start)) below minimum (\(bounds.min)): \(expr)")
        }
        if end > bounds.max {
            throw ParseError(description: "end of range (\(end)) above maximum (\(bounds.max)): \(expr)")
        }
        if start > end {
            throw ParseError(description: "beginning of range (\(start)) beyond end of range (\(end)): \(expr)")
        }
        if step == 0 { throw ParseError(description: "step of range should be a positive number: \(expr)") }
        return (bits(start, end, step: step), star)
    }

    private static func intOrName(_ expr: String, _ names: [String: Int]) throws(ParseError) -> Int {
        if let named = names[expr.lowercased()] { return named }
        return try positiveInt(expr)
    }

    /// robfig's `mustParseInt`, with Go's `strconv.Atoi` error text.
    private static func positiveInt(_ expr: String) throws(ParseError) -> Int {
        guard let number = goAtoi(expr) else {
            let quoted = "\"" + expr + "\""
            let reason = expr.isEmpty || !expr.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") })
                ? "invalid syntax" : "value out of range"
            throw ParseError(description: "failed to parse int from \(expr): strconv.Atoi: parsing \(quoted): \(reason)")
        }
        if number < 0 { throw ParseError(description: "negative number (\(number)) not allowed: \(expr)") }
        return number
    }

    /// Go's `strconv.Atoi`: an optional sign and decimal digits, nothing else.
    private static func goAtoi(_ text: String) -> Int? {
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }

    private static func descriptor(_ spec: String) throws(ParseError) -> CronSchedule {
        let all = { (b: Bounds) in bits(b.min, b.max, step: 1) }
        func fixed(hours: UInt64, dom: UInt64, months: UInt64, dow: UInt64, domStar: Bool, dowStar: Bool) -> CronSchedule {
            CronSchedule(
                minutes: 1, hours: hours, daysOfMonth: dom, months: months, daysOfWeek: dow, daysOfMonthStar: domStar,
                daysOfWeekStar: dowStar, every: nil, zone: nil)
        }
        switch spec {
        case "@yearly", "@annually":
            return fixed(hours: 1, dom: 1 << 1, months: 1 << 1, dow: all(dowBounds), domStar: false, dowStar: true)
        case "@monthly":
            return fixed(hours: 1, dom: 1 << 1, months: all(monthBounds), dow: all(dowBounds), domStar: false,
                         dowStar: true)
        case "@weekly":
            return fixed(hours: 1, dom: all(domBounds), months: all(monthBounds), dow: 1, domStar: true, dowStar: false)
        case "@daily", "@midnight":
            return fixed(hours: 1, dom: all(domBounds), months: all(monthBounds), dow: all(dowBounds), domStar: true,
                         dowStar: true)
        case "@hourly":
            return fixed(hours: all(hourBounds), dom: all(domBounds), months: all(monthBounds), dow: all(dowBounds),
                         domStar: true, dowStar: true)
        default:
            break
        }
        let prefix = "@every "
        guard spec.hasPrefix(prefix) else { throw ParseError(description: "unrecognized descriptor: \(spec)") }
        let text = String(spec.dropFirst(prefix.count))
        guard let seconds = GoDuration.parse(text) else {
            throw ParseError(description: "failed to parse duration \(spec): time: invalid duration \"\(text)\"")
        }
        var schedule = fixed(hours: 0, dom: 0, months: 0, dow: 0, domStar: false, dowStar: false)
        schedule.minutes = 0
        schedule.every = seconds
        return schedule
    }
}

/// Go's `time.ParseDuration` for what `@every` takes: a sequence of decimal numbers with units (`ns`, `us`, `µs`,
/// `ms`, `s`, `m`, `h`), optionally signed; `0` alone. Pure.
enum GoDuration {
    /// The duration in seconds, or nil where Go reports `time: invalid duration`.
    static func parse(_ text: String) -> TimeInterval? {
        var rest = Substring(text)
        var sign = 1.0
        if rest.first == "-" || rest.first == "+" {
            if rest.first == "-" { sign = -1 }
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { return nil }
        let units: [(String, Double)] = [
            ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
        ]
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let unit = units.first(where: { $0.0 == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            total += value * unit.1
        }
        return sign * total
    }
}
