using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SofaBot.Corpus.Parsing;

/// <summary>YamlDotNet's parser, stopped at the first alias (<c>*name</c>). Aliases make a small text a large graph:
/// YamlDotNet hashes a mapping key by its whole content, so aliases nested as keys cost about nine times more per
/// level (207 s of CPU from a 461-byte front matter). No weekly uses anchors or aliases, so front matter with one is
/// refused outright at that alias, before any of the work, rather than allowed up to some budget.</summary>
internal sealed class AliasRefusingParser(string yaml) : IParser
{
    private readonly Parser _inner = new(new StringReader(yaml));

    public ParsingEvent? Current => _inner.Current;

    public bool MoveNext()
    {
        var moved = _inner.MoveNext();
        if (moved && _inner.Current is AnchorAlias alias)
        {
            throw new FrontMatterAliasException(alias);
        }

        return moved;
    }
}

/// <summary>Front matter refused by <see cref="AliasRefusingParser"/>, at the alias.</summary>
internal sealed class FrontMatterAliasException : YamlException
{
    public FrontMatterAliasException(AnchorAlias alias)
        : base(alias.Start, alias.End, $"front matter uses a YAML alias (*{alias.Value}); aliases are not read in front matter, since a few lines of them can cost minutes of CPU")
    {
    }
}
