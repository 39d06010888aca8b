import ArgumentParser

/// `--validate` on the commands that write manifests (create, replace, apply), read as kubectl reads it
/// (``FieldValidationFlag``).
struct ValidateOption: ParsableArguments {
    @Option(
        name: .customLong("validate"),
        help: "strict (or true), warn or ignore (or false): what the server does with fields the kind does not declare.")
    var value: String = "strict"

    /// The `fieldValidation` directive; for any other value, kubectl's error on standard error and exit code 1.
    func directive() throws -> String {
        do {
            return try FieldValidationFlag.directive(value)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
    }
}
