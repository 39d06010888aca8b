import ArgumentParser
import KubeAPI
import Wire

/// `kctl create role NAME --verb=... --resource=... [--resource-name=...]`: `role.rbac.authorization.k8s.io/NAME
/// created`, its rules as kubectl builds them (``RBACGenerator``). `-o`, `--dry-run` and `--save-config` are
/// `create`'s.
struct CreateRole: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "role", abstract: "Create a role with single rule.")

    @ParentCommand var create: Create

    @Argument(help: "The role's name.")
    var names: [String] = []

    @Option(help: "Verbs that apply to the resources contained in the rule (comma-separated or repeated).")
    var verb: [String] = []

    @Option(help: "Resources the rule applies to, as resource[.group][/subresource] (comma-separated or repeated).")
    var resource: [String] = []

    @Option(help: "Names of the objects the rule is limited to (repeated).")
    var resourceName: [String] = []

    func run() async throws {
        let name = try CreateOptions.requireOneName(names, command: "create role")
        let rules = try CreateRBACObjects.checked { warnings in
            try RBACGenerator.rules(verbs: verb, resources: resource, resourceNames: resourceName, warnings: &warnings)
        }
        var role = CreateRBACObjects.object("Role", name: name, namespace: create.global.namespace)
        role["rules"] = try JSONValue(encoding: rules)
        try await create.createGenerated(role)
    }
}

/// `kctl create clusterrole NAME --verb=... [--resource=...] [--resource-name=...] [--non-resource-url=...]`, or
/// `--aggregation-rule=key=value,...` alone: `clusterrole.rbac.authorization.k8s.io/NAME created`.
struct CreateClusterRole: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clusterrole", abstract: "Create a cluster role.")

    @ParentCommand var create: Create

    @Argument(help: "The cluster role's name.")
    var names: [String] = []

    @Option(help: "Verbs that apply to the resources contained in the rule (comma-separated or repeated).")
    var verb: [String] = []

    @Option(help: "Resources the rule applies to, as resource[.group][/subresource] (comma-separated or repeated).")
    var resource: [String] = []

    @Option(help: "Names of the objects the rule is limited to (repeated).")
    var resourceName: [String] = []

    @Option(help: "Partial URLs the rule applies to, such as /healthz or /logs/* (comma-separated or repeated).")
    var nonResourceUrl: [String] = []

    @Option(help: "Labels selecting the cluster roles whose rules this one aggregates: key=value,...")
    var aggregationRule: String?

    func run() async throws {
        let name = try CreateOptions.requireOneName(names, command: "create clusterrole")
        var role = CreateRBACObjects.object("ClusterRole", name: name, namespace: nil)
        if let aggregationRule {
            guard verb.isEmpty, resource.isEmpty, resourceName.isEmpty, nonResourceUrl.isEmpty else {
                ErrorReporting.printError(
                    "error: aggregation rule must be specified without nonResourceURLs, resources, verbs or resourceNames")
                throw ExitCode(1)
            }
            let rule = try CreateRBACObjects.checked { _ in try RBACGenerator.aggregationRule(aggregationRule) }
            role["aggregationRule"] = try JSONValue(encoding: rule)
            role["rules"] = .null
        } else {
            let rules = try CreateRBACObjects.checked { warnings in
                try RBACGenerator.rules(
                    verbs: verb, resources: resource, resourceNames: resourceName, urls: nonResourceUrl,
                    warnings: &warnings)
            }
            role["rules"] = try JSONValue(encoding: rules)
        }
        try await create.createGenerated(role)
    }
}

/// `kctl create rolebinding NAME --role=ROLE|--clusterrole=ROLE [--user=...] [--group=...]
/// [--serviceaccount=NS:NAME...]`: `rolebinding.rbac.authorization.k8s.io/NAME created`.
struct CreateRoleBinding: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rolebinding", abstract: "Create a role binding for a particular role or cluster role.")

    @ParentCommand var create: Create

    @Argument(help: "The role binding's name.")
    var names: [String] = []

    @Option(help: "Role this binding references.")
    var role: String?

    @Option(help: "ClusterRole this binding references.")
    var clusterrole: String?

    @Option(help: "Usernames to bind to the role (repeated).")
    var user: [String] = []

    @Option(help: "Groups to bind to the role (repeated).")
    var group: [String] = []

    @Option(help: "Service accounts to bind to the role, as <namespace>:<name> (repeated).")
    var serviceaccount: [String] = []

    func run() async throws {
        let name = try CreateOptions.requireOneName(names, command: "create rolebinding")
        let (roleRef, subjects) = try CreateRBACObjects.checked { _ in
            try RBACGenerator.binding(
                role: role, clusterRole: clusterrole, users: user, groups: group, serviceAccounts: serviceaccount)
        }
        var binding = CreateRBACObjects.object("RoleBinding", name: name, namespace: create.global.namespace)
        binding["roleRef"] = try JSONValue(encoding: roleRef)
        if !subjects.isEmpty { binding["subjects"] = try JSONValue(encoding: subjects) }
        try await create.createGenerated(binding)
    }
}

/// `kctl create clusterrolebinding NAME --clusterrole=ROLE [--user=...] [--group=...] [--serviceaccount=NS:NAME...]`:
/// `clusterrolebinding.rbac.authorization.k8s.io/NAME created`.
struct CreateClusterRoleBinding: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusterrolebinding", abstract: "Create a cluster role binding for a particular cluster role.")

    @ParentCommand var create: Create

    @Argument(help: "The cluster role binding's name.")
    var names: [String] = []

    @Option(help: "ClusterRole this binding references.")
    var clusterrole: String?

    @Option(help: "Usernames to bind to the cluster role (repeated).")
    var user: [String] = []

    @Option(help: "Groups to bind to the cluster role (repeated).")
    var group: [String] = []

    @Option(help: "Service accounts to bind to the cluster role, as <namespace>:<name> (repeated).")
    var serviceaccount: [String] = []

    func run() async throws {
        let name = try CreateOptions.requireOneName(names, command: "create clusterrolebinding")
        guard let clusterrole, !clusterrole.isEmpty else {
            ErrorReporting.printError("error: required flag(s) \"clusterrole\" not set")
            throw ExitCode(1)
        }
        let (roleRef, subjects) = try CreateRBACObjects.checked { _ in
            try RBACGenerator.binding(
                role: nil, clusterRole: clusterrole, users: user, groups: group, serviceAccounts: serviceaccount)
        }
        var binding = CreateRBACObjects.object("ClusterRoleBinding", name: name, namespace: nil)
        binding["roleRef"] = try JSONValue(encoding: roleRef)
        if !subjects.isEmpty { binding["subjects"] = try JSONValue(encoding: subjects) }
        try await create.createGenerated(binding)
    }
}

/// What the four RBAC create commands share.
enum CreateRBACObjects {
    /// A new object of `kind` named `name` (in `namespace` when given), its metadata as kubectl encodes it (a null
    /// creationTimestamp).
    static func object(_ kind: String, name: String, namespace: String?) -> JSONValue {
        var metadata: JSONValue = ["name": .string(name), "creationTimestamp": .null]
        if let namespace { metadata["namespace"] = .string(namespace) }
        return ["apiVersion": .string("\(RBACGroup.name)/v1"), "kind": .string(kind), "metadata": metadata]
    }

    /// Runs a generator: its warnings go to standard error, a refusal ends the command with kubectl's text.
    static func checked<T>(_ generate: (inout [String]) throws -> T) throws -> T {
        var warnings: [String] = []
        do {
            let value = try generate(&warnings)
            for warning in warnings { ErrorReporting.printError(warning) }
            return value
        } catch let refusal as RBACGenerator.Refusal {
            ErrorReporting.printError(refusal.description)
            throw ExitCode(1)
        }
    }
}
