// Part of the API's schema table (see APISchemaTable.swift): apiextensions.k8s.io/v1 CustomResourceDefinitions.

extension APISchema {
    /// The short names of the apiextensions definitions (their package is apiextensions.k8s.io/v1).
    static let apiExtensionsNames = [
        "CustomResourceDefinition", "CustomResourceDefinitionSpec", "CustomResourceDefinitionNames",
        "CustomResourceDefinitionVersion", "CustomResourceValidation", "CustomResourceSubresources",
        "CustomResourceSubresourceStatus", "CustomResourceSubresourceScale", "CustomResourceColumnDefinition",
        "SelectableField", "CustomResourceConversion", "WebhookConversion", "CustomResourceDefinitionStatus",
        "CustomResourceDefinitionCondition", "JSONSchemaProps",
    ]

    static let apiExtensions: [SchemaDefinition] = [
        resource(
            "CustomResourceDefinition",
            "A new kind of resource, served by the API server while the definition exists: its group, names, scope, "
                + "and versions with their schemas. Its name must be <plural>.<group>.",
            [
                field("spec", .ref("CustomResourceDefinitionSpec"), required: true, "The kind the definition declares."),
                field(
                    "status", .ref("CustomResourceDefinitionStatus"),
                    "Whether the names were accepted and the kind is served. Written by the server."),
            ]),
        object(
            "CustomResourceDefinitionSpec", "The group, names, scope and versions of a custom kind.",
            [
                field("conversion", .ref("CustomResourceConversion"), "How objects are converted between versions."),
                field("group", .string, required: true, "The API group of the kind, a domain such as example.com."),
                field("names", .ref("CustomResourceDefinitionNames"), required: true, "The names of the kind."),
                field(
                    "preserveUnknownFields", .boolean,
                    "Whether unknown fields are kept: must be false; use x-kubernetes-preserve-unknown-fields in a "
                        + "schema instead."),
                field(
                    "scope", .string, required: true, enum: ["Cluster", "Namespaced"],
                    "Whether objects of the kind live in a namespace (Namespaced) or not (Cluster)."),
                field(
                    "versions", .array(.ref("CustomResourceDefinitionVersion")), required: true,
                    "The versions of the kind; exactly one is the storage version."),
            ]),
        object(
            "CustomResourceDefinitionNames", "The names of a custom kind, as clients use them.",
            [
                field("categories", .array(.string), "Groups of resources the kind belongs to, such as all."),
                field("kind", .string, required: true, "The kind, in CamelCase, as objects name it."),
                field("listKind", .string, "The kind of a list of such objects; <kind>List by default."),
                field("plural", .string, required: true, "The plural resource name, lower case, used in URLs."),
                field("shortNames", .array(.string), "Short names clients accept, such as wd."),
                field("singular", .string, "The singular name, lower case; the kind in lower case by default."),
            ]),
        object(
            "CustomResourceDefinitionVersion", "One version of a custom kind.",
            [
                field(
                    "additionalPrinterColumns", .array(.ref("CustomResourceColumnDefinition")),
                    "The columns kubectl get shows besides the name; an age column when there are none."),
                field("deprecated", .boolean, "Whether the version is deprecated; clients get a warning."),
                field("deprecationWarning", .string, "The warning clients get when the version is deprecated."),
                field("name", .string, required: true, "The version's name, such as v1 or v1beta1."),
                field("schema", .ref("CustomResourceValidation"), "The schema objects of this version follow."),
                field(
                    "selectableFields", .array(.ref("SelectableField")),
                    "Fields that field selectors may use besides metadata.name and metadata.namespace."),
                field("served", .boolean, required: true, "Whether the version is served."),
                field("storage", .boolean, required: true, "Whether objects are stored in this version."),
                field("subresources", .ref("CustomResourceSubresources"), "The subresources the version serves."),
            ]),
        object(
            "CustomResourceValidation", "A version's schema.",
            [field("openAPIV3Schema", .ref("JSONSchemaProps"), "The OpenAPI v3 schema of the kind's objects.")]),
        object(
            "CustomResourceSubresources", "The subresources of a version.",
            [
                field(
                    "scale", .ref("CustomResourceSubresourceScale"),
                    "Serves /scale, reading and writing replicas at the given paths."),
                field(
                    "status", .ref("CustomResourceSubresourceStatus"),
                    "Serves /status: status is then written only through it, and other writes keep it."),
            ]),
        opaque("CustomResourceSubresourceStatus", "Enables the status subresource; it has no fields."),
        object(
            "CustomResourceSubresourceScale", "Where the scale subresource finds replicas in an object.",
            [
                field("labelSelectorPath", .string, "The JSON path of the pods' label selector, under .status."),
                field("specReplicasPath", .string, required: true, "The JSON path of the wanted replicas, under .spec."),
                field(
                    "statusReplicasPath", .string, required: true,
                    "The JSON path of the observed replicas, under .status."),
            ]),
        object(
            "CustomResourceColumnDefinition", "A column of kubectl get for a custom kind.",
            [
                field("description", .string, "What the column shows."),
                field("format", .string, "A format for the column's type, such as int32 or date-time."),
                field("jsonPath", .string, required: true, "The JSON path, from the object, of the column's value."),
                field("name", .string, required: true, "The column's header."),
                field("priority", .integer, "0 to show the column always; higher only with -o wide."),
                field(
                    "type", .string, required: true, enum: ["boolean", "date", "integer", "number", "string"],
                    "The cells' type: integer, number, string, boolean, or date (shown as an age)."),
            ]),
        object(
            "SelectableField", "A field of the kind that field selectors may use.",
            [field("jsonPath", .string, required: true, "The JSON path of the field.")]),
        object(
            "CustomResourceConversion", "How objects are converted between the versions of a kind.",
            [
                field(
                    "strategy", .string, required: true, enum: ["None", "Webhook"],
                    "None (only apiVersion changes) or Webhook (stored, not called, in kcluster)."),
                field("webhook", .ref("WebhookConversion"), "The conversion webhook, when the strategy is Webhook."),
            ]),
        opaque("WebhookConversion", "The conversion webhook's client configuration and review versions."),
        object(
            "CustomResourceDefinitionStatus", "What the server reports of a definition.",
            [
                field(
                    "acceptedNames", .ref("CustomResourceDefinitionNames"),
                    "The names the server accepted and serves."),
                field(
                    "conditions", .array(.ref("CustomResourceDefinitionCondition")),
                    "NamesAccepted and Established when the kind is served."),
                field("storedVersions", .array(.string), "Every version objects have been stored in."),
            ]),
        object(
            "CustomResourceDefinitionCondition", "A condition of a definition.",
            [
                field("lastTransitionTime", time, "When the condition last changed."),
                field("message", .string, "What the condition says, for people."),
                field("reason", .string, "A CamelCase reason for the condition's last change."),
                field("status", .string, required: true, "True, False or Unknown."),
                field("type", .string, required: true, "NamesAccepted, Established or Terminating."),
            ]),
        opaque("JSONSchemaProps", "An OpenAPI v3 schema, carried as sent."),
    ]
}
