import KubeAPI

/// An Indexed Job's `successPolicy` (upstream `matchSuccessPolicy`): the first rule whose indexes have all
/// succeeded (or, with `succeededCount`, that many of them; or that many indexes at all without
/// `succeededIndexes`) makes the Job succeed with reason `SuccessPolicy`. Pure.
enum SuccessPolicyMatcher {
    /// The index of the first rule met by `succeeded` (indexes below `completions`), or nil.
    static func match(_ policy: SuccessPolicy?, succeeded: Set<Int>, completions: Int) -> Int? {
        for (index, rule) in (policy?.rules ?? []).enumerated() {
            if let text = rule.succeededIndexes {
                let required = indexes(text, completions: completions)
                let matched = required.intersection(succeeded).count
                if let count = rule.succeededCount {
                    if matched >= Int(count) { return index }
                } else if !required.isEmpty && matched == required.count {
                    return index
                }
            } else if let count = rule.succeededCount, succeeded.count >= Int(count) {
                return index
            }
        }
        return nil
    }

    /// `1,3-5,7` as a set of indexes below `completions` (parts that do not parse are left out; validation refuses
    /// them).
    static func indexes(_ text: String, completions: Int) -> Set<Int> {
        var result = Set<Int>()
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard let low = bounds.first ?? nil, let high = bounds.last ?? nil, bounds.count <= 2, low <= high,
                high < completions
            else { continue }
            result.formUnion(low...high)
        }
        return result
    }
}
