import KubeAPI
import Testing
import Wire

@Suite("Label selectors")
struct LabelSelectorTests {
    private func parse(_ string: String) throws -> Selector {
        try LabelSelectorParser.parse(string)
    }

    private func parseError(_ string: String) -> String? {
        do {
            _ = try LabelSelectorParser.parse(string)
            return nil
        } catch {
            return error.message
        }
    }

    private func requirement(_ key: String, _ op: LabelRequirement.Operator, _ values: [String] = []) throws
        -> LabelRequirement
    {
        try LabelRequirement(key: key, operator: op, values: values)
    }

    // MARK: Requirement semantics

    @Test func equalityOperators() throws {
        for op in [LabelRequirement.Operator.equals, .doubleEquals, .in] {
            let r = try requirement("app", op, ["web"])
            #expect(r.matches(["app": "web"]))
            #expect(!r.matches(["app": "db"]))
            #expect(!r.matches([:]))
        }
        #expect(try requirement("app", .in, ["web", "db"]).matches(["app": "db"]))
    }

    @Test func negativeOperatorsMatchObjectsWithoutTheKey() throws {
        for op in [LabelRequirement.Operator.notEquals, .notIn] {
            let r = try requirement("app", op, ["web"])
            #expect(r.matches([:]))
            #expect(r.matches(["app": "db"]))
            #expect(!r.matches(["app": "web"]))
        }
        #expect(!(try requirement("app", .notIn, ["web", "db"]).matches(["app": "db"])))
    }

    @Test func existence() throws {
        #expect(try requirement("gpu", .exists).matches(["gpu": ""]))
        #expect(!(try requirement("gpu", .exists).matches(["cpu": "x"])))
        #expect(try requirement("gpu", .doesNotExist).matches([:]))
        #expect(!(try requirement("gpu", .doesNotExist).matches(["gpu": "true"])))
    }

    @Test func numericComparisons() throws {
        let gt = try requirement("rank", .greaterThan, ["1"])
        let lt = try requirement("rank", .lessThan, ["10"])
        #expect(gt.matches(["rank": "2"]))
        #expect(!gt.matches(["rank": "1"]))
        #expect(!gt.matches(["rank": "x"]))
        #expect(!gt.matches([:]))
        #expect(lt.matches(["rank": "-5"]))
        #expect(!lt.matches(["rank": "10"]))
        #expect(try requirement("rank", .greaterThan, ["0"]).matches(["rank": "+7"]))
        // As upstream, the bound must also be a valid label value, so negative bounds are rejected.
        #expect(throws: SelectorError.self) { try requirement("rank", .greaterThan, ["-3"]) }
    }

    @Test func requirementValidation() {
        func message(_ key: String, _ op: LabelRequirement.Operator, _ values: [String]) -> String? {
            do {
                _ = try LabelRequirement(key: key, operator: op, values: values)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message("a", .in, []) == "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty")
        #expect(message("a", .equals, ["x", "y"]) == #"values: Invalid value: []string{"x", "y"}: exact-match compatibility requires one single value"#)
        #expect(message("a", .exists, ["x"]) == #"values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist"#)
        #expect(message("a", .greaterThan, ["1", "2"]) == #"values: Invalid value: []string{"1", "2"}: for 'Gt', 'Lt' operators, exactly one value is required"#)
        #expect(message("a", .lessThan, ["x"]) == #"values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer"#)
        #expect(message("bad key", .exists, []) == #"key: Invalid value: "bad key": "# + ReferenceText.namePart)
        #expect(message("app", .equals, ["bad value!"]) == #"values[0][app]: Invalid value: "bad value!": "# + ReferenceText.labelValue)
        #expect(message("a", .in, ["x"]) == nil)
        // Several problems are aggregated as upstream does: `[e1, e2]`.
        #expect(message("a", .greaterThan, ["b_"]) == #"[values[0]: Invalid value: "b_": for 'Gt', 'Lt' operators, the value must be an integer, values[0][a]: Invalid value: "b_": "# + ReferenceText.labelValue + "]")
    }

    // MARK: Canonical string form

    @Test func canonicalForms() throws {
        #expect(try requirement("k", .equals, ["v"]).description == "k=v")
        #expect(try requirement("k", .doubleEquals, ["v"]).description == "k==v")
        #expect(try requirement("k", .notEquals, ["v"]).description == "k!=v")
        #expect(try requirement("k", .in, ["b", "a"]).description == "k in (a,b)")
        #expect(try requirement("k", .notIn, ["b", "a"]).description == "k notin (a,b)")
        #expect(try requirement("k", .exists).description == "k")
        #expect(try requirement("k", .doesNotExist).description == "!k")
        #expect(try requirement("k", .greaterThan, ["1"]).description == "k>1")
        #expect(try requirement("k", .lessThan, ["1"]).description == "k<1")
        let selector = Selector([try requirement("z", .exists), try requirement("a", .in, ["y", "x"]),
                                 try requirement("m", .doesNotExist)])
        #expect(selector.description == "a in (x,y),!m,z")
        #expect(selector.requirements.map(\.key) == ["a", "m", "z"])
    }

    @Test func everythingAndNothing() throws {
        #expect(Selector.everything.isEmpty)
        #expect(Selector.everything.matches([:]))
        #expect(Selector.everything.description == "")
        #expect(!Selector.nothing.isEmpty)
        #expect(Selector.nothing.selectsNothing)
        #expect(!Selector.nothing.matches([:]))
        #expect(!Selector.nothing.matches(["app": "x"]))
        #expect(Selector.nothing.description == "")
        #expect(Selector.nothing.adding([try requirement("a", .exists)]) == .nothing)
        #expect(Selector.everything.adding([try requirement("a", .exists)]).description == "a")
    }

    @Test func selectorFromSetAndExactMatch() throws {
        let selector = Selector(matchingLabels: ["release": "stable", "app": "filebeat"])
        #expect(selector.description == "app=filebeat,release=stable")
        #expect(selector.matches(["app": "filebeat", "release": "stable", "extra": "1"]))
        #expect(!selector.matches(["app": "filebeat"]))
        #expect(selector.requiresExactMatch("app") == "filebeat")
        #expect(selector.requiresExactMatch("nope") == nil)
        #expect(try parse("a in (x,y)").requiresExactMatch("a") == nil)
        #expect(try parse("a!=x").requiresExactMatch("a") == nil)
        #expect(Selector(matchingLabels: [:]).isEmpty)
    }

    // MARK: Parser

    @Test(arguments: [
        ("a=b", "a=b"), ("a==b", "a==b"), ("a!=b", "a!=b"), ("a in (c,b,b)", "a in (b,c)"),
        ("a notin (x)", "a notin (x)"), ("a", "a"), ("!a", "!a"), ("a>1", "a>1"), ("a<10", "a<10"),
        ("a=", "a="), ("a in ()", "a in ()"), ("x in (foo,,baz),y,z notin ()", "x in (,baz,foo),y,z notin ()"),
        (" z = 1 , a in ( x , y ) ,\t!b ", "a in (x,y),!b,z=1"), ("in=notin", "in=notin"),
        ("example.com/app=web-1", "example.com/app=web-1"), ("a in (,x)", "a in (,x)"), ("a in (x,)", "a in (,x)"),
    ])
    func parsesToCanonicalForm(_ input: String, _ expected: String) throws {
        #expect(try parse(input).description == expected)
    }

    @Test func emptyInputSelectsEverything() throws {
        #expect(try parse("").isEmpty)
        #expect(try parse("  \t").isEmpty)
        #expect(try parse("").matches(["any": "thing"]))
    }

    @Test func parsedSelectorsMatch() throws {
        let selector = try parse("app=filebeat,tier in (frontend,backend),!legacy,env!=prod")
        #expect(selector.matches(["app": "filebeat", "tier": "backend"]))
        #expect(selector.matches(["app": "filebeat", "tier": "frontend", "env": "dev"]))
        #expect(!selector.matches(["app": "filebeat", "tier": "backend", "legacy": "1"]))
        #expect(!selector.matches(["app": "filebeat", "tier": "backend", "env": "prod"]))
        #expect(!selector.matches(["app": "filebeat"]))
        #expect(try parse("a notin (x)").matches([:]))
        #expect(try parse("rank>3").matches(["rank": "4"]))
        #expect(try parse("a=").matches(["a": ""]))
        #expect(!(try parse("a=").matches([:])))
    }

    @Test(arguments: [
        ("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
        ("a,", "found '', expected: identifier after ','"),
        ("a,,b", "found ',', expected: identifier after ','"),
        (",a", "found ',', expected: !, identifier, or 'end of string'"),
        ("a=b c", "found 'c', expected: ',' or 'end of string'"),
        ("!a=b", "found '=', expected: ',' or 'end of string'"),
        ("a in b", "unable to parse requirement: found 'b' expected: '('"),
        ("a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'"),
        ("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"),
        ("a in (b", "unable to parse requirement: found '', expected: ',' or ')'"),
        ("a=(", "unable to parse requirement: found '(', expected: identifier"),
        ("!", "unable to parse requirement: found '', expected: identifier"),
        ("a>b", #"unable to parse requirement: values[0]: Invalid value: "b": for 'Gt', 'Lt' operators, the value must be an integer"#),
    ])
    func parseErrors(_ input: String, _ expected: String) {
        #expect(parseError(input) == expected)
    }

    @Test func parseRejectsInvalidKeysAndValues() {
        #expect(parseError("app=bad_") == #"unable to parse requirement: values[0][app]: Invalid value: "bad_": "# + ReferenceText.labelValue)
        #expect(parseError("-bad=x") == #"unable to parse requirement: <nil>: Invalid value: "-bad": "# + ReferenceText.namePart)
        #expect(parseError("a/b/c") == #"unable to parse requirement: <nil>: Invalid value: "a/b/c": "# + ReferenceText.qualifiedName)
        #expect(parseError("a=" + String(repeating: "v", count: 64))
            == "unable to parse requirement: values[0][a]: Invalid value: \"\(String(repeating: "v", count: 64))\": must be no more than 63 characters")
    }

    // MARK: API selector conversion

    @Test func nilSelectsNothingEmptySelectsEverything() throws {
        let missing: LabelSelector? = nil
        #expect(try missing.selector() == .nothing)
        #expect(try LabelSelector().selector() == .everything)
        #expect(try LabelSelector(matchLabels: [:], matchExpressions: []).selector().isEmpty)
        let present: LabelSelector? = LabelSelector(matchLabels: ["app": "x"])
        #expect(try present.selector().description == "app=x")
    }

    @Test func conversionOfLabelsAndExpressions() throws {
        let api = LabelSelector(matchLabels: ["release": "stable", "app": "filebeat"], matchExpressions: [
            LabelSelectorRequirement(key: "tier", operator: "In", values: ["web", "api"]),
            LabelSelectorRequirement(key: "env", operator: "NotIn", values: ["prod"]),
            LabelSelectorRequirement(key: "gpu", operator: "Exists"),
            LabelSelectorRequirement(key: "legacy", operator: "DoesNotExist"),
        ])
        let selector = try api.selector()
        #expect(selector.description == "app=filebeat,env notin (prod),gpu,!legacy,release=stable,tier in (api,web)")
        #expect(selector.matches(["app": "filebeat", "release": "stable", "tier": "web", "gpu": "1"]))
        #expect(!selector.matches(["app": "filebeat", "release": "stable", "tier": "web"]))
        #expect(api.displayString == selector.description)
    }

    @Test func conversionErrors() {
        func message(_ api: LabelSelector) -> String? {
            do {
                _ = try api.selector()
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message(LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "a", operator: "Foo")]))
            == #""Foo" is not a valid label selector operator"#)
        #expect(message(LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "a", operator: "In")]))
            == "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty")
        #expect(message(LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "a", operator: "Exists", values: ["x"])]))
            == #"values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist"#)
        #expect(message(LabelSelector(matchLabels: ["bad key": "x"]))
            == #"key: Invalid value: "bad key": "# + ReferenceText.namePart)
    }

    @Test func displayString() {
        let missing: LabelSelector? = nil
        #expect(missing.displayString == "<none>")
        #expect(LabelSelector().displayString == "<none>")
        #expect(LabelSelector(matchLabels: ["app": "filebeat", "release": "stable"]).displayString == "app=filebeat,release=stable")
        #expect(LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "a", operator: "Foo")]).displayString == "<error>")
        let wrapped: LabelSelector? = LabelSelector(matchLabels: ["k": "v"])
        #expect(wrapped.displayString == "k=v")
    }
}
