import ArgumentParser

/// `kctl set`: change a specific feature of objects (`set env`, `set image`, `set resources`).
struct SetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set specific features on objects.",
        subcommands: [SetEnv.self, SetImage.self, SetResources.self])
}
