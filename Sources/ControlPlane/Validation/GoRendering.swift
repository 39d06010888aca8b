import KubeAPI
import Wire

/// Go's `%#v` rendering of the struct values Kubernetes puts in `Invalid value: …` and `Duplicate value: …`.
///
/// Upstream prints the internal Go types (`v1.LabelSelector{…}`, `apps.DaemonSetUpdateStrategy{…}`); pointers
/// inside structs print as addresses there, which nobody can reproduce, so a set pointer prints as `(*T)(0xc000)`.
/// Clients should match errors on path and detail, not on these dumps.
enum GoRendering {
    /// A nil pointer value at the top level prints as `null`.
    static let null = "null"

    /// `[]string{"a", "b"}`, or `[]string(nil)`.
    static func stringSlice(_ values: [String]?) -> String {
        guard let values else { return "[]string(nil)" }
        return "[]string{" + values.map(GoQuote.quote).joined(separator: ", ") + "}"
    }

    /// `v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
    /// `null` for a missing selector.
    static func labelSelector(_ selector: LabelSelector?) -> String {
        guard let selector else { return null }
        let expressions: String
        if let list = selector.matchExpressions {
            let items = list.map { requirement in
                "v1.LabelSelectorRequirement{Key:\(GoQuote.quote(requirement.key)), "
                    + "Operator:\(GoQuote.quote(requirement.operator)), Values:\(stringSlice(requirement.values))}"
            }
            expressions = "[]v1.LabelSelectorRequirement{" + items.joined(separator: ", ") + "}"
        } else {
            expressions = "[]v1.LabelSelectorRequirement(nil)"
        }
        return "v1.LabelSelector{MatchLabels:\(FieldError.renderMap(selector.matchLabels)), MatchExpressions:\(expressions)}"
    }

    /// `intstr.IntOrString{Type:0, IntVal:1, StrVal:""}`: how an int-or-string prints inside a struct.
    static func intOrStringStruct(_ value: IntOrString?) -> String {
        switch value {
        case .int(let number)?: "intstr.IntOrString{Type:0, IntVal:\(number), StrVal:\"\"}"
        case .string(let text)?: "intstr.IntOrString{Type:1, IntVal:0, StrVal:\(GoQuote.quote(text))}"
        case nil: "intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}"
        }
    }

    /// `(*T)(nil)` or `(*T)(0xc000)`.
    static func pointer(_ type: String, isSet: Bool) -> String {
        "(*\(type))(\(isSet ? "0xc000" : "nil"))"
    }

    /// `apps.DaemonSetUpdateStrategy{Type:"Foo", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}`.
    static func daemonSetUpdateStrategy(_ strategy: DaemonSetUpdateStrategy) -> String {
        "apps.DaemonSetUpdateStrategy{Type:\(GoQuote.quote(strategy.type ?? "")), "
            + "RollingUpdate:\(pointer("apps.RollingUpdateDaemonSet", isSet: strategy.rollingUpdate != nil))}"
    }

    /// `apps.DeploymentStrategy{Type:"Foo", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`.
    static func deploymentStrategy(_ strategy: DeploymentStrategy) -> String {
        "apps.DeploymentStrategy{Type:\(GoQuote.quote(strategy.type ?? "")), "
            + "RollingUpdate:\(pointer("apps.RollingUpdateDeployment", isSet: strategy.rollingUpdate != nil))}"
    }

    /// The `(protocol, port)` key upstream reports for a duplicate service port:
    /// `core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:…, NodePort:0}`.
    static func servicePortKey(protocol: String, port: Int32) -> String {
        "core.ServicePort{Name:\"\", Protocol:\(GoQuote.quote(`protocol`)), AppProtocol:(*string)(nil), "
            + "Port:\(port), TargetPort:\(intOrStringStruct(nil)), NodePort:0}"
    }

    /// `core.Taint{Key:"k", Value:"v", Effect:"NoSchedule", TimeAdded:<nil>}`.
    static func taint(_ taint: Taint) -> String {
        "core.Taint{Key:\(GoQuote.quote(taint.key)), Value:\(GoQuote.quote(taint.value ?? "")), "
            + "Effect:\(GoQuote.quote(taint.effect)), TimeAdded:\(taint.timeAdded == nil ? "<nil>" : "(*v1.Time)(0xc000)")}"
    }

    /// A JSON document (ControllerRevision `data`) as upstream's `runtime.RawExtension` prints, with the bytes
    /// shown as their JSON text: `runtime.RawExtension{Raw:{"spec":…}, Object:runtime.Object(nil)}`.
    static func rawExtension(_ value: JSONValue?) -> String {
        guard let value else { return null }
        return "runtime.RawExtension{Raw:\(value.jsonString()), Object:runtime.Object(nil)}"
    }
}
