import KubeAPI
import Testing
import Wire

@Suite("Field selectors")
struct FieldSelectorTests {
    private func parseError(_ string: String, supported: Set<String> = FieldSelector.defaultSupportedFields) -> String? {
        do {
            _ = try FieldSelector.parse(string, supportedFields: supported)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func emptySelectsEverything() throws {
        let selector = try FieldSelector.parse("")
        #expect(selector.isEmpty)
        #expect(selector == .everything)
        #expect(selector.description == "")
        #expect(selector.matches(fields: [:]))
    }

    @Test func equalsForms() throws {
        for input in ["spec.nodeName=w1", "spec.nodeName==w1"] {
            let selector = try FieldSelector.parse(input)
            #expect(selector.terms == [FieldSelector.Term(field: "spec.nodeName", operator: .equals, value: "w1")])
            #expect(selector.description == "spec.nodeName=w1")
            #expect(selector.matches(fields: ["spec.nodeName": "w1"]))
            #expect(!selector.matches(fields: ["spec.nodeName": "w2"]))
            #expect(!selector.matches(fields: [:]))
            #expect(selector.requiresExactMatch("spec.nodeName") == "w1")
        }
    }

    @Test func notEqualsTreatsMissingFieldAsEmpty() throws {
        let selector = try FieldSelector.parse("status.phase!=Running")
        #expect(selector.description == "status.phase!=Running")
        #expect(selector.matches(fields: [:]))
        #expect(selector.matches(fields: ["status.phase": "Pending"]))
        #expect(!selector.matches(fields: ["status.phase": "Running"]))
        #expect(selector.requiresExactMatch("status.phase") == nil)
        // An unscheduled pod has an empty spec.nodeName.
        #expect(try FieldSelector.parse("spec.nodeName=").matches(fields: [:]))
        #expect(try FieldSelector.parse("spec.nodeName!=").matches(fields: ["spec.nodeName": "w1"]))
    }

    @Test func termsAreAndedAndSorted() throws {
        let selector = try FieldSelector.parse("status.phase=Running,,metadata.name=a")
        #expect(selector.description == "metadata.name=a,status.phase=Running")
        #expect(selector.matches(fields: ["metadata.name": "a", "status.phase": "Running"]))
        #expect(!selector.matches(fields: ["metadata.name": "a", "status.phase": "Failed"]))
        #expect(try FieldSelector.parse("metadata.namespace=kube-system").matches(fields: ["metadata.namespace": "kube-system"]))
    }

    @Test func escapedValues() throws {
        let selector = try FieldSelector.parse(#"metadata.name=a\,b\=c\\d"#)
        #expect(selector.terms.first?.value == #"a,b=c\d"#)
        #expect(selector.description == #"metadata.name=a\,b\=c\\d"#)
        #expect(FieldSelector.escape("x=y,z") == #"x\=y\,z"#)
    }

    @Test(arguments: [
        ("foo=bar", "field label not supported: foo"),
        ("metadata.name = a", "field label not supported: metadata.name "),
        ("metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'"),
        ("spec.nodeName=w1,oops", "invalid selector: 'spec.nodeName=w1,oops'; can't understand 'oops'"),
        ("metadata.name=a=b", "invalid field selector: unescaped character in value: '='"),
        (#"metadata.name=a\x"#, #"invalid field selector: invalid escape sequence: \x"#),
        (#"metadata.name=a\"#, #"invalid field selector: invalid escape sequence: \"#),
    ])
    func errors(_ input: String, _ expected: String) {
        #expect(parseError(input) == expected)
    }

    @Test func syntaxErrorsWinOverUnsupportedFields() {
        #expect(parseError(#"aaa=1,zzz=\q"#) == #"invalid field selector: invalid escape sequence: \q"#)
    }

    @Test func customSupportedFields() throws {
        #expect(parseError("spec.nodeName=w1", supported: ["metadata.name", "metadata.namespace"])
            == "field label not supported: spec.nodeName")
        let selector = try FieldSelector.parse("spec.unschedulable=true", supportedFields: ["spec.unschedulable"])
        #expect(selector.matches(fields: ["spec.unschedulable": "true"]))
    }
}
