/// A readable line diff of two texts for failure reports: the lines of a longest common subsequence shown as
/// context (`  `), lines only in the first text as `- `, lines only in the second as `+ `, with up to `context`
/// unchanged lines around each change and `...` where unchanged lines are left out. Pure.
public enum LineDiff {
    /// The diff of `old` against `new`, or "" when they are equal.
    public static func render(_ old: String, _ new: String, context: Int = 2) -> String {
        guard old != new else { return "" }
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let edits = script(a, b)
        let changed = edits.indices.filter { edits[$0].marker != " " }
        var shown = Set<Int>()
        for index in changed {
            for near in max(0, index - context)...min(edits.count - 1, index + context) { shown.insert(near) }
        }
        var lines: [String] = []
        var previous = -1
        for index in shown.sorted() {
            if index != previous + 1 { lines.append("...") }
            lines.append("\(edits[index].marker) \(edits[index].text)")
            previous = index
        }
        if previous != edits.count - 1 { lines.append("...") }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Edit {
        var marker: Character
        var text: String
    }

    /// The edit script from `a` to `b` through a longest common subsequence (quadratic; for test outputs).
    static func script(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count, m = b.count
        var length = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                length[i][j] = a[i] == b[j] ? length[i + 1][j + 1] + 1 : max(length[i + 1][j], length[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n && j < m && a[i] == b[j] {
                edits.append(Edit(marker: " ", text: a[i]))
                i += 1
                j += 1
            } else if i < n && (j == m || length[i + 1][j] >= length[i][j + 1]) {
                edits.append(Edit(marker: "-", text: a[i]))
                i += 1
            } else {
                edits.append(Edit(marker: "+", text: b[j]))
                j += 1
            }
        }
        return edits
    }
}
