import KubeAPI
import Wire

/// kubectl's go-template printer (`-o go-template=...`, `-o template=...`, `--template`): a Go `text/template`
/// named `output` with Go's builtin functions plus kubectl's `exists` and `base64decode`, executed over the
/// object as kubectl decodes it (integers as `int64`), missing keys printing `<no value>`.
struct GoTemplate: Sendable, Equatable {
    /// The template text as given.
    let source: String
    private let tree: GoTemplateTree

    /// Parses `source`; the error reads as Go's (`template: output:1: unclosed action`).
    init(_ source: String) throws(GoTemplateParseError) {
        self.source = source
        tree = try GoTemplateParser.parse(source, name: "output", functions: GoTemplateFunctions.names)
    }

    static func == (lhs: GoTemplate, rhs: GoTemplate) -> Bool { lhs.source == rhs.source }

    /// What one execution printed, and the error that stopped it (the output so far is kept, as Go writes it).
    struct Execution: Sendable, Equatable {
        var output: String
        var error: GoTemplateExecError?
    }

    /// Executes the template over `document`.
    func execute(on document: JSONValue, allowMissingKeys: Bool = true) -> Execution {
        var evaluator = GoTemplateEvaluator(tree: tree, allowMissingKeys: allowMissingKeys)
        do {
            try evaluator.execute(GoValue(json: document))
            return Execution(output: evaluator.output)
        } catch {
            return Execution(output: evaluator.output, error: error)
        }
    }

    /// Renders `document` as `kubectl get -o go-template` does: the standard output (on failure, what was
    /// printed followed by kubectl's debugging dump) and, on failure, the error line.
    func render(_ document: JSONValue, allowMissingKeys: Bool = true) -> (stdout: String, error: String?) {
        let execution = execute(on: document, allowMissingKeys: allowMissingKeys)
        guard let error = execution.error else { return (execution.output, nil) }
        let dump = "Error executing template: \(error.message). Printing more information for debugging the "
            + "template:\n\ttemplate was:\n\t\t\(source)\n\traw data was:\n\t\t\(GoFormat.json(document))\n"
            + "\tobject given to template engine was:\n\t\t\(GoFmt.value(GoValue(json: document)))\n\n"
        return (
            execution.output + dump,
            "error: error executing template \(GoQuote.quote(source)): \(error.message)"
        )
    }
}
