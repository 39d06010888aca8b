/// Prints JSON values as YAML exactly as `kubectl -o yaml` does (sigs.k8s.io/yaml over go-yaml v2).
///
/// Keys are sorted in go-yaml's order, sequences under a key are not indented (`containers:` then `- name: x` at
/// the same column), strings are quoted only when they would read back as something else (`"1"`, `"true"`,
/// `"2026-11-24T21:45:12Z"`, `""`) or start with an indicator (`'*'`), multi-line strings become `|`/`|-` block
/// scalars, and long scalars fold at column 80.
import KubeAPI
import Wire

public enum YAMLPrinter {
    /// The YAML text for one value, ending with a newline.
    public static func print(_ value: JSONValue) -> String {
        var emitter = GoYAMLEmitter()
        emitter.emitDocument(value)
        return emitter.output
    }

    /// Several documents separated by `---` lines, as kubectl's YAML printer writes consecutive objects.
    public static func printDocuments(_ values: [JSONValue]) -> String {
        values.map(print).joined(separator: "---\n")
    }
}
