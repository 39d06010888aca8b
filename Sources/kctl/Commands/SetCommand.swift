import ArgumentParser

/// `kctl set`: change a specific feature of objects (`set image`).
struct SetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set specific features on objects.",
        subcommands: [SetImage.self])
}
