import KubeAPI
import Wire

/// The multi-line fields kubectl's describers share: labels, annotations, taints and tolerations, one entry per
/// line with continuation lines starting with a tab so that they align under the first value.
extension DescribeWriter {
    /// Annotations kubectl never shows.
    static let skippedAnnotations: Set<String> = ["kubectl.kubernetes.io/last-applied-configuration"]
    /// Longer `key: value` annotation lines are printed as a block, each line shortened.
    static let maxAnnotationLength = 140

    /// `printLabelsMultiline`: `Labels:\tk=v` then `\tk2=v2`..., keys sorted; `<none>` when empty.
    mutating func labels(_ title: String, _ labels: [String: String]) {
        write(0, "\(title):\t")
        guard !labels.isEmpty else { return writeLine("<none>") }
        for (index, key) in labels.keys.sorted().enumerated() {
            if index != 0 { write(0, "\t") }
            write(0, "\(key)=\(labels[key] ?? "")\n")
        }
    }

    /// `printAnnotationsMultiline`: `key: value` lines; values that are long or multi-line are printed under the
    /// key, indented by two spaces and cut at 138 bytes with `...`. `last-applied-configuration` is skipped.
    mutating func annotations(_ title: String, _ annotations: [String: String]) {
        write(0, "\(title):\t")
        let keys = annotations.keys.filter { !Self.skippedAnnotations.contains($0) }.sorted()
        guard !keys.isEmpty else { return writeLine("<none>") }
        for (index, key) in keys.enumerated() {
            if index != 0 { write(0, "\t") }
            var value = annotations[key] ?? ""
            if value.hasSuffix("\n") { value.removeLast() }
            if value.utf8.count + key.utf8.count + 2 > Self.maxAnnotationLength || value.contains("\n") {
                write(0, "\(key):\n")
                for line in value.split(separator: "\n", omittingEmptySubsequences: false) {
                    write(0, "\t  \(Self.shorten(String(line), to: Self.maxAnnotationLength - 2))\n")
                }
            } else {
                write(0, "\(key): \(value)\n")
            }
        }
    }

    /// `printNodeTaintsMultiline`: taints sorted by `effect,key`, each as `key=value:effect`.
    mutating func taints(_ title: String, _ taints: [JSONValue]) {
        write(0, "\(title):\t")
        guard !taints.isEmpty else { return writeLine("<none>") }
        let sorted = taints.map(JSONFields.init).enumerated().sorted { a, b in
            let ka = (a.element.string("effect") ?? "") + "," + (a.element.string("key") ?? "")
            let kb = (b.element.string("effect") ?? "") + "," + (b.element.string("key") ?? "")
            return ka != kb ? ka < kb : a.offset < b.offset
        }
        for (index, taint) in sorted.map(\.element).enumerated() {
            if index != 0 { write(0, "\t") }
            write(0, Self.taintString(taint) + "\n")
        }
    }

    /// `printPodTolerationsMultiline`: tolerations sorted by key, each as
    /// `key=value:effect op=Exists for 300s` (parts present only when set).
    mutating func tolerations(_ title: String, _ tolerations: [JSONValue]) {
        write(0, "\(title):\t")
        guard !tolerations.isEmpty else { return writeLine("<none>") }
        let sorted = tolerations.map(JSONFields.init).enumerated().sorted { a, b in
            let ka = a.element.string("key") ?? "", kb = b.element.string("key") ?? ""
            return ka != kb ? ka < kb : a.offset < b.offset
        }
        for (index, toleration) in sorted.map(\.element).enumerated() {
            if index != 0 { write(0, "\t") }
            write(0, Self.tolerationString(toleration) + "\n")
        }
    }

    /// `Taint.ToString()`: `key=value:effect`, `key:effect`, `key=value` or `key`.
    static func taintString(_ taint: JSONFields) -> String {
        let key = taint.string("key") ?? "", value = taint.string("value") ?? "", effect = taint.string("effect") ?? ""
        let head = value.isEmpty ? key : "\(key)=\(value)"
        return effect.isEmpty ? head : "\(head):\(effect)"
    }

    /// One toleration as kubectl describes it: `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`.
    static func tolerationString(_ toleration: JSONFields) -> String {
        let key = toleration.string("key") ?? "", value = toleration.string("value") ?? ""
        let effect = toleration.string("effect") ?? ""
        var text = key
        if !value.isEmpty { text += "=\(value)" }
        if !effect.isEmpty { text += ":\(effect)" }
        if toleration.string("operator") == "Exists" && value.isEmpty {
            text += key.isEmpty && effect.isEmpty ? "op=Exists" : " op=Exists"
        }
        if let seconds = toleration.int("tolerationSeconds") { text += " for \(seconds)s" }
        return text
    }

    /// Go's `s[:max] + "..."` over UTF-8 bytes.
    static func shorten(_ text: String, to maxLength: Int) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count > maxLength else { return text }
        return String(decoding: bytes[..<maxLength], as: UTF8.self) + "..."
    }
}
