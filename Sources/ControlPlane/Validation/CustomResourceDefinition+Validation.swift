import KubeAPI
import Wire

/// apiextensions.k8s.io/v1 CustomResourceDefinition rules: upstream `ValidateCustomResourceDefinition` and its
/// update, with the structural-schema rules (`validateStructuralInvariants`) and the OpenAPI v3 restrictions of the
/// schemas, worded as Kubernetes words them.
extension CustomResourceDefinition: Validatable {
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: false)
        let expected = "\(spec.names.plural).\(spec.group)"
        if let name = metadata.name, !name.isEmpty, name != expected {
            errors.append(.invalid("metadata.name", GoQuote.quote(name), "must be spec.names.plural+\".\"+spec.group"))
        }
        errors += CustomResourceDefinitionRules.spec(spec)
        errors += CustomResourceDefinitionRules.names(status.acceptedNames, field: "status.acceptedNames")
        errors += CustomResourceDefinitionRules.storedVersions(status.storedVersions, versions: spec.versions)
        return errors
    }

    /// The metadata update rules, the create rules, and what may not change: the group and plural always (they
    /// name the resource), the scope and kind once established.
    func validateUpdate(old: CustomResourceDefinition) -> [FieldError] {
        var errors = metadata.validateUpdate(old: old.metadata) + validateCreate()
        let established = old.status.conditions?.contains { $0.type == "Established" && $0.status == "True" } ?? false
        if established {
            errors += FieldRules.immutable(
                changed: spec.scope != old.spec.scope, field: "spec.scope", rendered: GoQuote.quote(spec.scope))
            errors += FieldRules.immutable(
                changed: spec.names.kind != old.spec.names.kind, field: "spec.names.kind",
                rendered: GoQuote.quote(spec.names.kind))
        }
        errors += FieldRules.immutable(
            changed: spec.group != old.spec.group, field: "spec.group", rendered: GoQuote.quote(spec.group))
        errors += FieldRules.immutable(
            changed: spec.names.plural != old.spec.names.plural, field: "spec.names.plural",
            rendered: GoQuote.quote(spec.names.plural))
        return errors
    }
}

/// The parts of a definition's validation, each upstream's function of the same name.
enum CustomResourceDefinitionRules {
    static let columnTypes = ["boolean", "date", "integer", "number", "string"]
    static let columnFormats = ["byte", "date", "date-time", "double", "float", "int32", "int64", "password"]

    static func spec(_ spec: CustomResourceDefinitionSpec) -> [FieldError] {
        var errors: [FieldError] = []
        if spec.group.isEmpty {
            errors.append(.required("spec.group"))
        } else if !Validation.isDNS1123Subdomain(spec.group).isEmpty {
            errors.append(.invalid("spec.group", GoQuote.quote(spec.group), Validation.isDNS1123Subdomain(spec.group).joined(separator: ",")))
        } else if !spec.group.contains(".") {
            errors.append(.invalid("spec.group", GoQuote.quote(spec.group), "should be a domain with at least one dot"))
        }
        if spec.scope.isEmpty {
            errors.append(.required("spec.scope"))
        } else if !["Cluster", "Namespaced"].contains(spec.scope) {
            errors.append(FieldRules.notSupported("spec.scope", spec.scope, ["Cluster", "Namespaced"]))
        }
        var storageCount = 0
        var seen = Set<String>()
        var unique = true
        for (index, version) in spec.versions.enumerated() {
            let field = "spec.versions[\(index)]"
            if version.storage { storageCount += 1 }
            if !seen.insert(version.name).inserted { unique = false }
            let nameErrors = Validation.isDNS1035Label(version.name)
            if !nameErrors.isEmpty {
                errors.append(.invalid("\(field).name", GoQuote.quote(version.name), nameErrors.joined(separator: ",")))
            }
            errors += self.version(version, field: field)
        }
        if spec.versions.isEmpty {
            errors.append(.required("spec.versions", "must have exactly one version marked as storage version"))
        } else {
            if !unique {
                errors.append(.invalid("spec.versions", renderVersions(spec.versions), "must contain unique version names"))
            }
            if storageCount != 1 {
                errors.append(.invalid(
                    "spec.versions", renderVersions(spec.versions), "must have exactly one version marked as storage version"))
            }
        }
        for (field, value) in [("plural", spec.names.plural), ("singular", spec.names.singular ?? ""),
                               ("kind", spec.names.kind), ("listKind", spec.names.listKind ?? "")] where value.isEmpty {
            errors.append(.required("spec.names.\(field)"))
        }
        errors += names(spec.names, field: "spec.names")
        if let conversion = spec.conversion {
            if conversion.strategy.isEmpty {
                errors.append(.required("spec.conversion.strategy"))
            } else if !["None", "Webhook"].contains(conversion.strategy) {
                errors.append(FieldRules.notSupported("spec.conversion.strategy", conversion.strategy, ["None", "Webhook"]))
            } else if conversion.strategy == "None", conversion.webhook != nil {
                errors.append(.forbidden("spec.conversion.webhook", "should not be set when strategy is not set to Webhook"))
            } else if conversion.strategy == "Webhook", conversion.webhook?["clientConfig"] == nil {
                errors.append(.required("spec.conversion.webhook", "required when strategy is set to Webhook"))
            }
        }
        if spec.preserveUnknownFields == true {
            errors.append(.invalid("spec.preserveUnknownFields", "true", "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead"))
        }
        return errors
    }

    /// Upstream `ValidateCustomResourceDefinitionNames`.
    static func names(_ names: CustomResourceDefinitionNames, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        func label(_ value: String, _ path: String, mixedCase: Bool = false) {
            guard !value.isEmpty else { return }
            let messages = Validation.isDNS1035Label(mixedCase ? value.lowercased() : value)
            guard !messages.isEmpty else { return }
            let text = messages.joined(separator: ",")
            errors.append(.invalid(path, GoQuote.quote(value), mixedCase ? "may have mixed case, but should otherwise match: \(text)" : text))
        }
        label(names.plural, "\(field).plural")
        label(names.singular ?? "", "\(field).singular")
        label(names.kind, "\(field).kind", mixedCase: true)
        label(names.listKind ?? "", "\(field).listKind", mixedCase: true)
        for (index, short) in (names.shortNames ?? []).enumerated() {
            let messages = Validation.isDNS1035Label(short)
            if !messages.isEmpty {
                errors.append(.invalid("\(field).shortNames[\(index)]", GoQuote.quote(short), messages.joined(separator: ",")))
            }
        }
        if !names.kind.isEmpty, names.kind == names.listKind {
            errors.append(.invalid("\(field).listKind", GoQuote.quote(names.kind), "kind and listKind may not be the same"))
        }
        for (index, category) in (names.categories ?? []).enumerated() {
            let messages = Validation.isDNS1035Label(category)
            if !messages.isEmpty {
                errors.append(.invalid("\(field).categories[\(index)]", GoQuote.quote(category), messages.joined(separator: ",")))
            }
        }
        return errors
    }

    /// Upstream `ValidateCustomResourceDefinitionStoredVersions`.
    static func storedVersions(_ stored: [String], versions: [CustomResourceDefinitionVersion]) -> [FieldError] {
        let field = "status.storedVersions"
        guard !stored.isEmpty else { return [.invalid(field, "[]string{}", "must have at least one stored version")] }
        var errors: [FieldError] = []
        for version in versions where version.storage && !stored.contains(version.name) {
            errors.append(.invalid(field, renderVersions([version]), "must have the storage version \(version.name)"))
        }
        for (index, name) in stored.enumerated() where !versions.contains(where: { $0.name == name }) {
            errors.append(.invalid("\(field)[\(index)]", GoQuote.quote(name), "must appear in spec.versions"))
        }
        return errors
    }

    /// One version: its schema (required in v1, structural), subresources and printer columns.
    static func version(_ version: CustomResourceDefinitionVersion, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if let schema = version.schema?.openAPIV3Schema, schema.objectValue != nil {
            errors += SchemaRules.validate(schema, path: "\(field).schema.openAPIV3Schema", level: .root)
        } else {
            errors.append(.required("\(field).schema.openAPIV3Schema", "schemas are required"))
        }
        if let scale = version.subresources?.scale {
            errors += scalePath(scale.specReplicasPath, "\(field).subresources.scale.specReplicasPath", under: ".spec.")
            errors += scalePath(scale.statusReplicasPath, "\(field).subresources.scale.statusReplicasPath", under: ".status.")
            if let selector = scale.labelSelectorPath, !selector.isEmpty {
                errors += scalePath(selector, "\(field).subresources.scale.labelSelectorPath", under: ".status.")
            }
        }
        for (index, column) in (version.additionalPrinterColumns ?? []).enumerated() {
            let path = "\(field).additionalPrinterColumns[\(index)]"
            if column.name.isEmpty { errors.append(.required("\(path).name")) }
            let typesText = "must be one of \(columnTypes.joined(separator: ","))"
            if column.type.isEmpty {
                errors.append(.required("\(path).type", typesText))
            } else if !columnTypes.contains(column.type) {
                errors.append(.invalid("\(path).type", GoQuote.quote(column.type), typesText))
            }
            if let format = column.format, !format.isEmpty, !columnFormats.contains(format) {
                errors.append(.invalid("\(path).format", GoQuote.quote(format), "must be one of \(columnFormats.joined(separator: ","))"))
            }
            if column.jsonPath.isEmpty {
                errors.append(.required("\(path).jsonPath"))
            } else {
                errors += simpleJSONPath(column.jsonPath, "\(path).jsonPath")
            }
        }
        return errors
    }

    private static func scalePath(_ path: String, _ field: String, under prefix: String) -> [FieldError] {
        if path.isEmpty { return [.required(field)] }
        let errors = simpleJSONPath(path, field)
        if !errors.isEmpty { return errors }
        guard path.hasPrefix(prefix) else {
            return [.invalid(field, GoQuote.quote(path), "should be a json path under \(prefix.dropLast())")]
        }
        return []
    }

    /// Upstream `validateSimpleJSONPath`, and a path the table convertor can read.
    private static func simpleJSONPath(_ path: String, _ field: String) -> [FieldError] {
        guard path.hasPrefix(".") else {
            return [.invalid(field, GoQuote.quote(path), "must be a simple json path starting with .")]
        }
        guard SimpleJSONPath(path) != nil else {
            return [.invalid(field, GoQuote.quote(path), "must be a json path in the dot notation")]
        }
        return []
    }

    /// The versions as Go's `%#v` prints the internal type in upstream's messages (pointers shown as set or nil).
    static func renderVersions(_ versions: [CustomResourceDefinitionVersion]) -> String {
        func pointer(_ type: String, _ present: Bool) -> String { present ? "(*apiextensions.\(type))(0xc000000000)" : "(*apiextensions.\(type))(nil)" }
        let items = versions.map { version in
            "apiextensions.CustomResourceDefinitionVersion{Name:\(GoQuote.quote(version.name)), Served:\(version.served), "
                + "Storage:\(version.storage), Deprecated:\(version.deprecated ?? false), "
                + "DeprecationWarning:(*string)(nil), Schema:\(pointer("CustomResourceValidation", version.schema != nil)), "
                + "Subresources:\(pointer("CustomResourceSubresources", version.subresources != nil)), "
                + "AdditionalPrinterColumns:[]apiextensions.CustomResourceColumnDefinition(nil), "
                + "SelectableFields:[]apiextensions.SelectableField(nil)}"
        }
        return "[]apiextensions.CustomResourceDefinitionVersion{" + items.joined(separator: ", ") + "}"
    }
}

/// The structural-schema rules and the OpenAPI v3 restrictions on a version's `openAPIV3Schema`, walked in
/// upstream's order (items, then properties by name, then the node itself).
enum SchemaRules {
    /// Where a node sits: the root, an array's items, or an object's field.
    enum Level {
        case root
        case item
        case field
    }

    static func validate(_ schema: JSONValue, path: String, level: Level) -> [FieldError] {
        guard let node = schema.objectValue else { return [] }
        var errors: [FieldError] = []
        let type = node["type"]?.stringValue ?? ""
        let intOrString = node["x-kubernetes-int-or-string"]?.boolValue == true
        let preserve = node["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
        let embedded = node["x-kubernetes-embedded-resource"]?.boolValue == true
        let properties = node["properties"]?.objectValue ?? [:]

        if type == "array", node["items"] == nil {
            errors.append(.required("\(path).items", "must be specified"))
        }
        if let items = node["items"] {
            if items.arrayValue != nil {
                errors.append(.forbidden("\(path).items", "items must be a schema object and not an array"))
            } else {
                errors += validate(items, path: "\(path).items", level: .item)
            }
        }
        for key in properties.keys.sorted() {
            errors += validate(properties[key] ?? [:], path: "\(path).properties[\(key)]", level: .field)
        }
        if let additional = node["additionalProperties"] {
            if level == .root {
                errors.append(.forbidden("\(path).additionalProperties", "must not be used at the root"))
            }
            if !properties.isEmpty, additional != .bool(true) {
                errors.append(.forbidden("\(path).additionalProperties", "additionalProperties and properties are mutual exclusive"))
            }
            if additional.objectValue != nil {
                errors += validate(additional, path: "\(path).additionalProperties", level: .field)
            }
        }
        if intOrString, preserve {
            errors.append(.invalid("\(path).x-kubernetes-preserve-unknown-fields", "true", "must be false if x-kubernetes-int-or-string is true"))
        }
        if intOrString, embedded {
            errors.append(.invalid("\(path).x-kubernetes-embedded-resource", "true", "must be false if x-kubernetes-int-or-string is true"))
        }
        if let pattern = node["pattern"]?.stringValue, (try? Regex(pattern)) == nil {
            errors.append(.invalid("\(path).pattern", GoQuote.quote(pattern), "must be a valid regular expression, but isn't"))
        }
        if embedded, type != "object" {
            errors.append(type.isEmpty
                ? .required("\(path).type", "must be object if x-kubernetes-embedded-resource is true")
                : .invalid("\(path).type", GoQuote.quote(type), "must be object if x-kubernetes-embedded-resource is true"))
        } else if type.isEmpty, !intOrString, !preserve {
            switch level {
            case .root: errors.append(.required("\(path).type", "must not be empty at the root"))
            case .item: errors.append(.required("\(path).type", "must not be empty for specified array items"))
            case .field: errors.append(.required("\(path).type", "must not be empty for specified object fields"))
            }
        }
        if level == .root, !type.isEmpty, type != "object" {
            errors.append(.invalid("\(path).type", GoQuote.quote(type), "must be object at the root"))
        }
        if level == .root || embedded {
            if let kind = properties["kind"], kind["type"]?.stringValue != "string" {
                errors.append(.invalid("\(path).properties[kind].type", GoQuote.quote(kind["type"]?.stringValue ?? ""), "must be string"))
            }
            if let version = properties["apiVersion"], version["type"]?.stringValue != "string" {
                errors.append(.invalid("\(path).properties[apiVersion].type", GoQuote.quote(version["type"]?.stringValue ?? ""), "must be string"))
            }
            if let metadata = properties["metadata"], metadata["type"]?.stringValue != "object" {
                errors.append(.invalid("\(path).properties[metadata].type", GoQuote.quote(metadata["type"]?.stringValue ?? ""), "must be object"))
            }
        }
        if level == .root, let metadata = properties["metadata"]?.objectValue {
            let allowed: Set<String> = ["type", "properties"]
            let inner = Set((metadata["properties"]?.objectValue ?? [:]).keys)
            if !Set(metadata.keys).isSubset(of: allowed) || !inner.isSubset(of: ["name", "generateName"]) {
                errors.append(.forbidden(
                    "\(path).properties[metadata]",
                    "must not specify anything other than name and generateName, but metadata is implicitly specified"))
            }
        }
        if embedded, !preserve, properties.isEmpty {
            errors.append(.required("\(path).properties", "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"))
        }
        // The OpenAPI v3 restrictions (specStandardValidatorV3) and uniqueItems.
        for (key, text) in [("id", "id is not supported"), ("additionalItems", "additionalItems is not supported"),
                            ("patternProperties", "patternProperties is not supported"),
                            ("definitions", "definitions is not supported"), ("dependencies", "dependencies is not supported"),
                            ("$ref", "$ref is not supported")] where node[key] != nil {
            errors.append(.forbidden("\(path).\(key)", text))
        }
        if type == "null" { errors.append(.forbidden("\(path).type", "type cannot be set to null")) }
        if node["uniqueItems"]?.boolValue == true {
            errors.append(.forbidden("\(path).uniqueItems", "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"))
        }
        return errors
    }
}
