/// A patch that could not be applied: malformed, pointing at a missing location, or failing a `test`.
///
/// The API server answers these with a BadRequest (or Invalid, for a failed `test`) Status carrying `message`.
public struct PatchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The patch document itself is malformed (wrong shape, unknown operation or directive).
        public static let invalidPatch = Code(rawValue: "InvalidPatch")
        /// A JSON pointer is malformed.
        public static let invalidPointer = Code(rawValue: "InvalidPointer")
        /// A JSON patch operation names a location that does not exist.
        public static let pathNotFound = Code(rawValue: "PathNotFound")
        /// A JSON patch `test` operation did not match.
        public static let testFailed = Code(rawValue: "TestFailed")
        /// A strategic merge patch list item lacks the list's merge key, or list element types are mixed.
        public static let invalidList = Code(rawValue: "InvalidList")
    }

    /// The kind of failure.
    public var code: Code
    /// A readable explanation, suitable for a Status message.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
