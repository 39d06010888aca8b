/// Random suffixes for `generateName`, from Kubernetes' alphabet (no vowels, no 0, 1 or 3).
enum NameSuffix {
    static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// Five random characters: `7kq9s`.
    static func random<G: RandomNumberGenerator>(using generator: inout G) -> String {
        String((0..<5).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }
}
