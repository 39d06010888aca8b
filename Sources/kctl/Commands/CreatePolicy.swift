import ArgumentParser
import KubeAPI
import Wire

/// `kctl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N|--max-unavailable=N` (alias `pdb`):
/// `poddisruptionbudget.policy/NAME created`, the object kubectl builds (``PolicyGenerator``).
struct CreatePodDisruptionBudget: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poddisruptionbudget", abstract: "Create a pod disruption budget with the specified name.",
        aliases: ["pdb"])

    @ParentCommand var create: Create

    @Argument(help: "The budget's name.")
    var names: [String] = []

    @Option(help: "A label selector to use for this budget. Only equality-based selector requirements are supported.")
    var selector: String?

    @Option(help: "The minimum number or percentage of available pods this budget requires.")
    var minAvailable: String?

    @Option(help: "The maximum number or percentage of unavailable pods this budget requires.")
    var maxUnavailable: String?

    func run() async throws {
        let name = try CreateOptions.requireOneName(names, command: "create poddisruptionbudget")
        let budget: JSONValue
        do {
            budget = try PolicyGenerator.podDisruptionBudget(
                name: name, namespace: create.global.namespace, selector: selector, minAvailable: minAvailable,
                maxUnavailable: maxUnavailable)
        } catch {
            ErrorReporting.printError(error.description)
            throw ExitCode(1)
        }
        try await create.createGenerated(budget)
    }
}

/// `kctl create priorityclass NAME --value=N [--global-default] [--description=TEXT] [--preemption-policy=P]`
/// (alias `pc`): `priorityclass.scheduling.k8s.io/NAME created`.
struct CreatePriorityClass: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "priorityclass", abstract: "Create a priority class with the specified name.", aliases: ["pc"])

    @ParentCommand var create: Create

    @Argument(help: "The class's name.")
    var names: [String] = []

    @Option(help: "The value of this priority class.")
    var value: Int32 = 0

    @Flag(help: "Make this priority class the global default.")
    var globalDefault = false

    @Option(help: "A description of when this priority class should be used.")
    var description = ""

    @Option(help: "The policy for preempting pods of lower priority: PreemptLowerPriority or Never.")
    var preemptionPolicy = "PreemptLowerPriority"

    func run() async throws {
        let name = try CreateOptions.requireOneName(names, command: "create priorityclass")
        try await create.createGenerated(
            PolicyGenerator.priorityClass(
                name: name, value: value, globalDefault: globalDefault, description: description,
                preemptionPolicy: preemptionPolicy))
    }
}
