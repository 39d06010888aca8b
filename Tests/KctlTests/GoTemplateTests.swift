import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// One recorded run of a template over a document (see ``GoTemplateConformanceData``): standard output and the
/// error line kubectl prints. When `dumpElided`, the recorded output stops where kubectl's debugging dump begins.
struct GoTemplateConformanceCase: Sendable, CustomTestStringConvertible {
    var name: String
    var document: String
    var template: String
    var stdout: String
    var stderr: String
    var dumpElided = false

    var testDescription: String { name }
}

@Suite struct GoTemplateConformanceTests {
    /// Runs a template the way `kctl get -o go-template=...` does: parse (kubectl's parse error), then render.
    static func run(_ template: String, on document: JSONValue) -> (stdout: String, stderr: String) {
        do {
            let rendered = try GoTemplate(template).render(document)
            return (rendered.stdout, rendered.error.map { $0 + "\n" } ?? "")
        } catch {
            return ("", "error: error parsing template \(template), \(error)\n")
        }
    }

    @Test(arguments: GoTemplateConformanceData.cases)
    func matchesGo(_ recorded: GoTemplateConformanceCase) throws {
        let text = try #require(GoTemplateConformanceData.documents[recorded.document])
        let document = try JSONValue(jsonData: Data(text.utf8))
        let (stdout, stderr) = Self.run(recorded.template, on: document)
        if recorded.dumpElided {
            #expect(stdout.hasPrefix(recorded.stdout + "\n\ttemplate was:\n"), "\(stdout)")
        } else {
            #expect(stdout == recorded.stdout)
        }
        #expect(stderr == recorded.stderr)
    }
}

@Suite struct GoTemplateTests {
    static let daemonSet: JSONValue = [
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": ["name": "filebeat-ds", "generation": 1, "labels": ["app": "filebeat"]],
        "spec": ["updateStrategy": ["type": "RollingUpdate"], "replicas": 3, "ratio": 0.5, "whole": 2.0],
    ]

    func render(_ template: String, _ document: JSONValue = daemonSet, allowMissingKeys: Bool = true) throws
        -> GoTemplate.Execution
    {
        try GoTemplate(template).execute(on: document, allowMissingKeys: allowMissingKeys)
    }

    @Test func tutorialLine_printsTheUpdateStrategy() throws {
        #expect(try render(#"{{.spec.updateStrategy.type}}{{"\n"}}"#).output == "RollingUpdate\n")
    }

    @Test func jsonNumbers_printAsKubectlDecodesThem() throws {
        // Integers decode as int64 (so %d works), fractions as float64; a double without fraction is an integer.
        #expect(try render("{{.spec.replicas}} {{.spec.ratio}} {{.spec.whole}} {{printf \"%d\" .spec.replicas}}")
            .output == "3 0.5 2 3")
        #expect(try render("{{printf \"%T %T\" .spec.whole .spec.ratio}}").output == "int64 float64")
    }

    @Test func rangeOverAnInteger_countsFromZero() throws {
        #expect(try render("{{range 3}}{{.}}{{end}}|{{range $i := .spec.replicas}}{{$i}}{{end}}|{{range 0}}x{{else}}none{{end}}")
            .output == "012|012|none")
        let pair = try render("{{range $i, $v := 3}}{{end}}")
        #expect(pair.error?.message == #"template: output:1:18: executing "output" at <3>: can't use 3 to iterate over more than one variable"#)
    }

    @Test func elseWith_chainsLikeElseIf() throws {
        #expect(try render("{{with .nope}}a{{else with .kind}}{{.}}{{else}}c{{end}}").output == "DaemonSet")
    }

    @Test func missingKeysAreErrors_whenNotAllowed() throws {
        let missing = try render("{{.metadata.nope}}", allowMissingKeys: false)
        #expect(missing.error?.message == #"template: output:1:11: executing "output" at <.metadata.nope>: map has no entry for key "nope""#)
        let deeper = try render("{{.nope.deeper}}", allowMissingKeys: false)
        #expect(deeper.error?.message == #"template: output:1:7: executing "output" at <.nope.deeper>: map has no entry for key "nope""#)
    }

    @Test func errorsInsideADefinedTemplate_nameThatTemplate() throws {
        let result = try render(#"{{define "row"}}{{.app.y}}{{end}}-{{template "row" .metadata.labels}}"#)
        #expect(result.output == "-")
        #expect(result.error?.message == #"template: output:1:22: executing "row" at <.app.y>: can't evaluate field y in type interface {}"#)
    }

    @Test func recursiveTemplates_stopAtTheDepthLimit() throws {
        let result = try render(#"{{define "r"}}{{template "r"}}{{end}}{{template "r"}}"#)
        #expect(result.error?.message.hasSuffix("exceeded maximum template depth (1000)") == true)
    }

    @Test func complexConstants_areRefusedAtParseTime() {
        #expect(throws: GoTemplateParseError(message: #"template: output:1: complex number constants are not supported: "1i""#)) {
            try GoTemplate("{{1i}}")
        }
    }

    @Test func parseErrorLines_countNewlinesBeforeTheFailingToken() {
        #expect(throws: GoTemplateParseError(message: "template: output:3: function \"nope\" not defined")) {
            try GoTemplate("a\n{{/* multi\nline */}}{{nope}}")
        }
    }

    @Test func executionStopsAtTheFirstError_keepingWhatWasPrinted() throws {
        let result = try render("a{{.kind}}b{{len 3}}c")
        #expect(result.output == "aDaemonSetb")
        #expect(result.error?.message == #"template: output:1:13: executing "output" at <len 3>: error calling len: len of type int"#)
    }

    @Test func kubectlDump_followsTheOutputOnFailure() throws {
        let document: JSONValue = ["kind": "List", "items": [], "n": 1.5]
        let rendered = try GoTemplate("x{{.kind.y}}").render(document)
        #expect(rendered.stdout == """
            xError executing template: template: output:1:8: executing "output" at <.kind.y>: can't evaluate field y in type interface {}. Printing more information for debugging the template:
            \ttemplate was:
            \t\tx{{.kind.y}}
            \traw data was:
            \t\t{"items":[],"kind":"List","n":1.5}
            \tobject given to template engine was:
            \t\tmap[items:[] kind:List n:1.5]


            """)
        #expect(rendered.error == #"error: error executing template "x{{.kind.y}}": template: output:1:8: executing "output" at <.kind.y>: can't evaluate field y in type interface {}"#)
    }

    @Test func lexer_producesGoTokens() {
        var lexer = GoTemplateLexer("a {{- .b.c | printf \"%s\" $x -}} d")
        var kinds: [GoTemplateToken.Kind] = []
        var values: [String] = []
        while true {
            let token = lexer.nextToken()
            kinds.append(token.kind)
            values.append(token.value)
            if token.kind == .eof || token.kind == .error { break }
        }
        #expect(kinds == [.text, .leftDelim, .field, .field, .space, .pipe, .space, .identifier, .space, .string,
            .space, .variable, .rightDelim, .text, .eof])
        #expect(values == ["a", "{{", ".b", ".c", " ", "|", " ", "printf", " ", "\"%s\"", " ", "$x", "}}", "d", ""])
    }

    @Test func parser_keepsGoNodeTexts() throws {
        let tree = try GoTemplateParser.parse(
            "{{if $x := .a}}{{$x.b | len}}{{else}}{{(index .c 0).d}}{{end}}", name: "output",
            functions: GoTemplateFunctions.names)
        #expect(tree.root.description == "{{if $x := .a}}{{$x.b | len}}{{else}}{{(index .c 0).d}}{{end}}")
    }

    @Test func fmt_formatsLikeGo() {
        #expect(GoFmt.sprintf("%6.2f|%-4d|%x|%q", [.float(3.14159), .int(7, .int), .string("hi"), .string("a\"b")])
            == "  3.14|7   |6869|\"a\\\"b\"")
        #expect(GoFmt.sprint([.string("a"), .int(1, .int), .int(2, .int), .string("b")]) == "a1 2b")
        #expect(GoFmt.value(.map(["b": .slice([.int(1, .int64), nil]), "a": .bool(true)])) == "map[a:true b:[1 <nil>]]")
        #expect(GoQuote.quote("tab\there\u{7f}é") == "\"tab\\there\\x7fé\"")
    }

    @Test func base64decode_reportsTheOffendingByte() {
        #expect(throws: GoTemplateFunctions.Failure.self) { try GoTemplateFunctions.base64Decode("aGk") }
        #expect((try? GoTemplateFunctions.base64Decode("aG\nk=")) == "hi")
        do {
            _ = try GoTemplateFunctions.base64Decode("aGk=x")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "base64 decode failed: illegal base64 data at input byte 4")
        }
    }
}

@Suite struct GoTemplateOutputFormatTests {
    @Test func goTemplateFormats_andTheTemplateFlag() throws {
        #expect(try OutputFormat("go-template={{.kind}}") == .goTemplate(try GoTemplate("{{.kind}}")))
        #expect(try OutputFormat("template={{.kind}}") == .goTemplate(try GoTemplate("{{.kind}}")))
        #expect(try OutputFormat("go-template", template: "{{.a}}") == .goTemplate(try GoTemplate("{{.a}}")))
        #expect(try OutputFormat(nil, template: "{{.a}}") == .goTemplate(try GoTemplate("{{.a}}")))
        #expect(try OutputFormat("jsonpath", template: "{.a}") == .jsonPath("{.a}"))
        #expect(try OutputFormat("yaml", template: "{{.a}}") == .yaml)
        #expect(try OutputFormat("go-template") == .unusable("template format specified but no template given"))
        #expect(try OutputFormat("go-template=") == .unusable("template format specified but no template given"))
        #expect(throws: (any Error).self) { try OutputFormat("go-template={{.a}}", template: "{{.b}}") }
    }

    @Test func templateThatDoesNotParse_isUnusableWithKubectlsMessage() throws {
        #expect(try OutputFormat("go-template={{.a") == .unusable("error parsing template {{.a, template: output:1: unclosed action"))
    }

    @Test func templateFile_isReadOrReported() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kctl-template-\(UUID().uuidString)").path
        try "{{.kind}}\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try OutputFormat("go-template-file=\(path)") == .goTemplate(try GoTemplate("{{.kind}}\n")))
        #expect(try OutputFormat("templatefile", template: path) == .goTemplate(try GoTemplate("{{.kind}}\n")))
        #expect(try OutputFormat("go-template-file=/nonexistent/t") == .unusable(
            "error reading --template /nonexistent/t, open /nonexistent/t: no such file or directory"))
    }

    @Test func renderer_wrapsListsAsKubectlDoes() throws {
        let format = try OutputFormat("go-template={{.kind}}:{{range .items}}{{.metadata.name}},{{end}}")
        let pod: JSONValue = ["metadata": ["name": "a"]]
        let renderer = GetRenderer(
            format: format, now: Date(), allNamespaces: false, showLabels: false, labelColumns: [], noHeaders: false,
            namespace: "default")
        let list = renderer.render([(.pod, [pod, pod])], singleObject: false)
        #expect(list.stdout == "List:a,a,")
        let single = renderer.render([(.pod, [pod])], singleObject: true)
        #expect(single.stdout == "Pod:")
        #expect(!single.failed)
    }
}
