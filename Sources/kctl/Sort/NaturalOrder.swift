/// `sortorder.NaturalLess` (github.com/fvbommel/sortorder), the string order of `kubectl get --sort-by`: runs of
/// digits compare as numbers (`pod-9` < `pod-10`) and sort before other characters; other bytes compare
/// bytewise. Pure.
enum NaturalOrder {
    static func less(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        var i = 0, j = 0
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        while i < a.count && j < b.count {
            let digitA = isDigit(a[i]), digitB = isDigit(b[j])
            if digitA != digitB { return digitA }
            if !digitA {
                if a[i] != b[j] { return a[i] < b[j] }
                i += 1
                j += 1
                continue
            }
            while i < a.count && a[i] == UInt8(ascii: "0") { i += 1 }
            while j < b.count && b[j] == UInt8(ascii: "0") { j += 1 }
            let startA = i, startB = j
            while i < a.count && isDigit(a[i]) { i += 1 }
            while j < b.count && isDigit(b[j]) { j += 1 }
            if i - startA != j - startB { return i - startA < j - startB }
            let numberA = a[startA..<i], numberB = b[startB..<j]
            if numberA != numberB { return numberA.lexicographicallyPrecedes(numberB) }
            if startA != startB { return startA < startB }
        }
        return a.count < b.count
    }
}
