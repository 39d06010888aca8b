/// The body of a unified diff (`diff -u`) of two texts: `@@ -a,b +c,d @@` hunks with three lines of context, as
/// GNU diff prints them (what kubectl diff shows, through the `diff -u -N` it runs). Lines are compared whole; the
/// edit script is a shortest one (Myers' algorithm), after the common head and tail are set aside as GNU diff does.
/// Pure.
enum UnifiedDiff {
    /// One line of the edit script.
    enum Edit: Equatable, Sendable {
        case same(String)
        case delete(String)
        case insert(String)
    }

    /// The hunks turning `old` into `new` (empty when they are equal).
    static func hunks(old: String, new: String, context: Int = 3) -> String {
        let a = lines(old)
        let b = lines(new)
        let script = edits(a.lines, b.lines)
        guard script.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        return render(script, context: context, oldMissingNewline: a.missingNewline, newMissingNewline: b.missingNewline)
    }

    /// The text's lines (without their newlines) and whether the last one lacked its newline.
    static func lines(_ text: String) -> (lines: [String], missingNewline: Bool) {
        guard !text.isEmpty else { return ([], false) }
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let missing = !text.hasSuffix("\n")
        if !missing { parts.removeLast() }
        return (parts, missing)
    }

    /// A shortest edit script from `a` to `b`.
    static func edits(_ a: [String], _ b: [String]) -> [Edit] {
        var head = 0
        while head < a.count && head < b.count && a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head && tail < b.count - head && a[a.count - 1 - tail] == b[b.count - 1 - tail] {
            tail += 1
        }
        let middle = myers(Array(a[head..<(a.count - tail)]), Array(b[head..<(b.count - tail)]))
        return a[..<head].map(Edit.same) + middle + a[(a.count - tail)...].map(Edit.same)
    }

    /// Myers' O(ND) greedy algorithm, with the trace kept to walk the path back.
    private static func myers(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count
        let m = b.count
        let max = n + m
        if max == 0 { return [] }
        var v = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        search: for d in 0...max {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) {
                    x = v[max + k + 1]
                } else {
                    x = v[max + k - 1] + 1
                }
                var y = x - k
                while x < n && y < m && a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[max + k] = x
                if x >= n && y >= m { break search }
            }
        }
        // Walk back through the trace: each step is a snake preceded by one deletion or insertion.
        var script: [Edit] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK: Int
            if d == 0 {
                while x > 0 && y > 0 {
                    script.append(.same(a[x - 1]))
                    x -= 1
                    y -= 1
                }
                break
            }
            if k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = v[max + previousK]
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                script.append(.same(a[x - 1]))
                x -= 1
                y -= 1
            }
            if x == previousX {
                script.append(.insert(b[y - 1]))
            } else {
                script.append(.delete(a[x - 1]))
            }
            x = previousX
            y = previousY
        }
        return script.reversed()
    }

    /// The hunks of an edit script: changes closer than twice the context share a hunk; within a run of changes,
    /// deletions come before insertions.
    private static func render(_ script: [Edit], context: Int, oldMissingNewline: Bool, newMissingNewline: Bool) -> String {
        let script = grouped(script)
        let changed = script.indices.filter { if case .same = script[$0] { false } else { true } }
        var output = ""
        var index = 0
        let lastOld = script.lastIndex { if case .insert = $0 { false } else { true } }
        let lastNew = script.lastIndex { if case .delete = $0 { false } else { true } }
        while index < changed.count {
            let start = max(0, changed[index] - context)
            var end = changed[index]
            var next = index + 1
            while next < changed.count && changed[next] - end <= 2 * context + 1 {
                end = changed[next]
                next += 1
            }
            let stop = min(script.count - 1, end + context)
            // Line numbers: count old and new lines before `start`.
            var oldLine = 0
            var newLine = 0
            for edit in script[..<start] {
                switch edit {
                case .same: oldLine += 1; newLine += 1
                case .delete: oldLine += 1
                case .insert: newLine += 1
                }
            }
            var oldCount = 0
            var newCount = 0
            var body = ""
            for position in start...stop {
                switch script[position] {
                case .same(let line):
                    oldCount += 1
                    newCount += 1
                    body += " \(line)\n"
                    if position == lastOld && oldMissingNewline || position == lastNew && newMissingNewline {
                        body += "\\ No newline at end of file\n"
                    }
                case .delete(let line):
                    oldCount += 1
                    body += "-\(line)\n"
                    if position == lastOld && oldMissingNewline { body += "\\ No newline at end of file\n" }
                case .insert(let line):
                    newCount += 1
                    body += "+\(line)\n"
                    if position == lastNew && newMissingNewline { body += "\\ No newline at end of file\n" }
                }
            }
            output += "@@ -\(range(oldLine, oldCount)) +\(range(newLine, newCount)) @@\n" + body
            index = next
        }
        return output
    }

    /// Each run of deletions and insertions reordered: its deletions, then its insertions.
    private static func grouped(_ script: [Edit]) -> [Edit] {
        var result: [Edit] = []
        var deletions: [Edit] = []
        var insertions: [Edit] = []
        func flush() {
            result += deletions + insertions
            deletions = []
            insertions = []
        }
        for edit in script {
            switch edit {
            case .same: flush(); result.append(edit)
            case .delete: deletions.append(edit)
            case .insert: insertions.append(edit)
            }
        }
        flush()
        return result
    }

    /// `start,count` as GNU diff writes a hunk's range: `start` is one-based; a count of one is left out, and an
    /// empty range names the line before it.
    private static func range(_ before: Int, _ count: Int) -> String {
        switch count {
        case 0: "\(before),0"
        case 1: "\(before + 1)"
        default: "\(before + 1),\(count)"
        }
    }
}
