import KubeAPI
import Testing
import Wire

/// Message texts copied byte for byte from the reference (section 4.4), shared by the selector test files.
enum ReferenceText {
    static let subdomain = #"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#
    static let dns1123Label = #"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#
    static let dns1035Label = #"a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"#
    static let namePart = #"name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#
    static let qualifiedName = #"a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"#
    static let labelValue = #"a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#
    /// Whole lines as printed in the reference.
    static let invalidNameLine = #"metadata.name: Invalid value: "Filebeat_DS": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#
    static let invalidLabelValueLine = #"metadata.labels: Invalid value: "bad value!": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#
}

@Suite("Name and label validation")
struct NameValidationTests {
    @Test func regexErrorKeepsUpstreamDoubleSpaceBeforeOr() {
        #expect(Validation.regexError("m", format: "f", examples: ["a", "b"]) == "m (e.g. 'a',  or 'b', regex used for validation is 'f')")
        #expect(Validation.regexError("m", format: "f", examples: []) == "m (regex used for validation is 'f')")
    }

    @Test(arguments: ["filebeat", "filebeat-ds", "a.b.c", "0", "a-1.example.com", String(repeating: "a", count: 253)])
    func validSubdomains(_ name: String) {
        #expect(Validation.isDNS1123Subdomain(name).isEmpty)
    }

    @Test(arguments: ["Filebeat_DS", "", "-a", "a-", "a..b", ".a", "a.", "a_b", "é"])
    func invalidSubdomains(_ name: String) {
        #expect(Validation.isDNS1123Subdomain(name) == [ReferenceText.subdomain])
    }

    @Test func subdomainLength() {
        #expect(Validation.isDNS1123Subdomain(String(repeating: "a", count: 254)) == ["must be no more than 253 characters"])
        #expect(Validation.isDNS1123Subdomain(String(repeating: "A", count: 254))
            == ["must be no more than 253 characters", ReferenceText.subdomain])
    }

    @Test func dns1123Labels() {
        #expect(Validation.isDNS1123Label("123-abc").isEmpty)
        #expect(Validation.isDNS1123Label("my-name").isEmpty)
        #expect(Validation.isDNS1123Label("a.b") == [ReferenceText.dns1123Label])
        #expect(Validation.isDNS1123Label("") == [ReferenceText.dns1123Label])
        #expect(Validation.isDNS1123Label(String(repeating: "a", count: 63)).isEmpty)
        #expect(Validation.isDNS1123Label(String(repeating: "a", count: 64)) == ["must be no more than 63 characters"])
    }

    @Test func dns1035Labels() {
        #expect(Validation.isDNS1035Label("abc-123").isEmpty)
        #expect(Validation.isDNS1035Label("redis").isEmpty)
        #expect(Validation.isDNS1035Label("123-abc") == [ReferenceText.dns1035Label])
        #expect(Validation.isDNS1035Label("abc-") == [ReferenceText.dns1035Label])
        #expect(Validation.isDNS1035Label("") == [ReferenceText.dns1035Label])
        #expect(Validation.isDNS1035Label("a" + String(repeating: "1", count: 63)) == ["must be no more than 63 characters"])
    }

    @Test(arguments: ["app", "MyName", "my.name", "123-abc", "a_b", "example.com/MyName", "app.kubernetes.io/name",
                      String(repeating: "x", count: 63)])
    func validQualifiedNames(_ key: String) {
        #expect(Validation.isQualifiedName(key).isEmpty)
    }

    @Test func qualifiedNameMessages() {
        #expect(Validation.isQualifiedName("bad key") == [ReferenceText.namePart])
        #expect(Validation.isQualifiedName("a_") == [ReferenceText.namePart])
        #expect(Validation.isQualifiedName("") == ["name part must be non-empty", ReferenceText.namePart])
        #expect(Validation.isQualifiedName("/a") == ["prefix part must be non-empty"])
        #expect(Validation.isQualifiedName("a/") == ["name part must be non-empty", ReferenceText.namePart])
        #expect(Validation.isQualifiedName("a/b/c") == [ReferenceText.qualifiedName])
        #expect(Validation.isQualifiedName("Example.com/a") == ["prefix part " + ReferenceText.subdomain])
        #expect(Validation.isQualifiedName(String(repeating: "x", count: 64)) == ["name part must be no more than 63 characters"])
        #expect(Validation.isQualifiedName(String(repeating: "p", count: 254) + "/a")
            == ["prefix part must be no more than 253 characters"])
    }

    @Test func labelValues() {
        #expect(Validation.isValidLabelValue("").isEmpty)
        #expect(Validation.isValidLabelValue("MyValue").isEmpty)
        #expect(Validation.isValidLabelValue("my_value").isEmpty)
        #expect(Validation.isValidLabelValue("1.2-3_4").isEmpty)
        #expect(Validation.isValidLabelValue("bad value!") == [ReferenceText.labelValue])
        #expect(Validation.isValidLabelValue("-x") == [ReferenceText.labelValue])
        #expect(Validation.isValidLabelValue(String(repeating: "v", count: 64)) == ["must be no more than 63 characters"])
        #expect(Validation.isValidLabelValue(String(repeating: "v", count: 63) + "!")
            == ["must be no more than 63 characters", ReferenceText.labelValue])
    }

    // MARK: ObjectMeta name

    @Test func missingNameIsRequired() {
        let errors = Validation.validateObjectMetaName(name: nil, generateName: nil)
        #expect(errors.map(\.description) == ["metadata.name: Required value: name or generateName is required"])
        #expect(errors.first?.type == .required)
        #expect(Validation.validateObjectMetaName(name: "", generateName: "").map(\.description)
            == ["metadata.name: Required value: name or generateName is required"])
    }

    @Test func invalidNameMatchesReferenceLine() {
        let errors = Validation.validateObjectMetaName(name: "Filebeat_DS", generateName: nil)
        #expect(errors.map(\.description) == [ReferenceText.invalidNameLine])
        #expect(errors.first?.type.causeReason == "FieldValueInvalid")
    }

    @Test func tooLongNameReportsLengthOnly() {
        let name = String(repeating: "a", count: 254)
        #expect(Validation.validateObjectMetaName(name: name, generateName: nil).map(\.description)
            == ["metadata.name: Invalid value: \"\(name)\": must be no more than 253 characters"])
    }

    @Test func generateName() {
        #expect(Validation.validateObjectMetaName(name: nil, generateName: "filebeat-").isEmpty)
        #expect(Validation.validateObjectMetaName(name: "filebeat-x7k2p", generateName: "filebeat-").isEmpty)
        #expect(Validation.validateObjectMetaName(name: nil, generateName: "Bad_").map(\.description)
            == ["metadata.generateName: Invalid value: \"Bad_\": " + ReferenceText.subdomain])
    }

    @Test func customFieldAndNamer() {
        let errors = Validation.validateObjectMetaName(name: "1redis", generateName: nil, field: "meta") {
            Validation.nameIsDNS1035Label($0, prefix: $1)
        }
        #expect(errors.map(\.description) == ["meta.name: Invalid value: \"1redis\": " + ReferenceText.dns1035Label])
        #expect(Validation.nameIsDNSLabel("a.b", prefix: false) == [ReferenceText.dns1123Label])
        #expect(Validation.nameIsDNSLabel("ab-", prefix: true).isEmpty)
    }

    // MARK: Labels and annotations

    @Test func labelsMatchReferenceLines() {
        #expect(Validation.validateLabels(["app": "bad value!"], field: "metadata.labels").map(\.description)
            == [ReferenceText.invalidLabelValueLine])
        #expect(Validation.validateLabels(["bad key": "ok"], field: "metadata.labels").map(\.description)
            == ["metadata.labels: Invalid value: \"bad key\": " + ReferenceText.namePart])
        #expect(Validation.validateLabels(["app": "filebeat", "tier": ""], field: "metadata.labels").isEmpty)
        #expect(Validation.validateLabels(nil, field: "metadata.labels").isEmpty)
    }

    @Test func labelsAreReportedInKeyOrder() {
        let errors = Validation.validateLabels(["z": "bad!", "a": "bad!"], field: "metadata.labels")
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { $0.renderedValue == "\"bad!\"" && $0.field == "metadata.labels" })
        let keyErrors = Validation.validateLabels(["z z": "", "a a": ""], field: "f")
        #expect(keyErrors.map(\.renderedValue) == ["\"a a\"", "\"z z\""])
    }

    @Test func annotationKeys() {
        #expect(Validation.validateAnnotations(["Example.com/Key": "x", "deprecated.daemonset.template.generation": "1"],
                                               field: "metadata.annotations").isEmpty)
        #expect(Validation.validateAnnotations(["bad key": "anything at all!"], field: "metadata.annotations")
            .map(\.description) == ["metadata.annotations: Invalid value: \"bad key\": " + ReferenceText.namePart])
    }

    @Test func annotationTotalSize() {
        let limit = 262_144
        let atLimit = ["k": String(repeating: "v", count: limit - 1)]
        #expect(Validation.validateAnnotations(atLimit, field: "metadata.annotations").isEmpty)
        let over = ["k": String(repeating: "v", count: limit)]
        let errors = Validation.validateAnnotations(over, field: "metadata.annotations")
        #expect(errors.map(\.description) == ["metadata.annotations: Too long: must have at most 262144 bytes"])
        #expect(errors.first?.type == .tooLong)
    }

    // MARK: Label selector (API form)

    private func selectorErrors(_ expressions: [LabelSelectorRequirement],
                                labels: [String: String]? = nil) -> [String] {
        Validation.validateLabelSelector(LabelSelector(matchLabels: labels, matchExpressions: expressions),
                                         field: "spec.selector").map(\.description)
    }

    @Test func selectorValidOrMissing() {
        #expect(Validation.validateLabelSelector(nil, field: "spec.selector").isEmpty)
        #expect(selectorErrors([LabelSelectorRequirement(key: "tier", operator: "In", values: ["a", "b"]),
                                LabelSelectorRequirement(key: "legacy", operator: "DoesNotExist")],
                               labels: ["app": "filebeat"]).isEmpty)
    }

    @Test func selectorInWithoutValues() {
        let expected = "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"
        #expect(selectorErrors([LabelSelectorRequirement(key: "a", operator: "In")]) == [expected])
        #expect(selectorErrors([LabelSelectorRequirement(key: "a", operator: "NotIn", values: [])]) == [expected])
    }

    @Test func selectorExistsWithValues() {
        let expected = "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"
        #expect(selectorErrors([LabelSelectorRequirement(key: "a", operator: "Exists", values: ["x"])]) == [expected])
        #expect(selectorErrors([LabelSelectorRequirement(key: "a", operator: "DoesNotExist", values: ["x"])]) == [expected])
    }

    @Test func selectorUnknownOperator() {
        #expect(selectorErrors([LabelSelectorRequirement(key: "a", operator: "Foo", values: ["x"])])
            == [#"spec.selector.matchExpressions[0].operator: Invalid value: "Foo": not a valid selector operator"#])
        #expect(selectorErrors([LabelSelectorRequirement(key: "a", operator: "in", values: ["x"])])
            == [#"spec.selector.matchExpressions[0].operator: Invalid value: "in": not a valid selector operator"#])
        // Gt/Lt belong to node selectors only (the shared requirement check takes them with `comparisons`).
        #expect(selectorErrors([LabelSelectorRequirement(key: "a", operator: "Gt", values: ["1"])])
            == [#"spec.selector.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator"#])
    }

    @Test func selectorKeysAndValues() {
        let errors = selectorErrors([LabelSelectorRequirement(key: "ok", operator: "Exists"),
                                     LabelSelectorRequirement(key: "bad key", operator: "In", values: ["fine", "bad value!"])],
                                    labels: ["app": "bad value!"])
        #expect(errors == [
            #"spec.selector.matchLabels: Invalid value: "bad value!": "# + ReferenceText.labelValue,
            #"spec.selector.matchExpressions[1].key: Invalid value: "bad key": "# + ReferenceText.namePart,
            #"spec.selector.matchExpressions[1].values[1]: Invalid value: "bad value!": "# + ReferenceText.labelValue,
        ])
    }
}
