namespace SofaBot.Corpus.Loading;

/// <summary>What a path leads to, after its symbolic links.</summary>
internal enum FileKind
{
    /// <summary>The type could not be asked (not Linux, or a libc without <c>statx</c>): read with the size limit only.</summary>
    Unknown,
    Regular,
    Directory,
    NamedPipe,
    CharacterDevice,
    BlockDevice,
    Socket,
}
