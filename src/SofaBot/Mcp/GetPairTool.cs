using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using SofaBot.Hosting;

namespace SofaBot.Mcp;

/// <summary><c>get_pair</c>: one Q&amp;A pair of the corpus, or one learned in review, by the id
/// <c>search_prior_answers</c> gives (<c>sofa-weekly-20211203:2</c>).</summary>
[McpServerToolType]
internal sealed class GetPairTool(KnowledgeIndexService index)
{
    [McpServerTool(Name = "get_pair", Title = "Get a SOFA Weekly Q&A pair", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Returns one SOFA Weekly Q&A pair by its id (as search_prior_answers gives it, e.g. sofa-weekly-20211203:2): the first question and answer, every follow-up turn, the asker, the project with its GitHub link, and the weekly with its link.")]
    public async Task<PairJson> GetPairAsync(
        [Description("The pair's id: <weekly slug>:<position in the weekly>, e.g. sofa-weekly-20211203:2")] string id,
        CancellationToken cancellationToken = default)
    {
        var knowledge = await index.GetAsync(cancellationToken);
        return knowledge.FindPair(id ?? "") is { } pair
            ? PairJson.From(pair)
            : throw new McpException($"there is no pair \"{id}\"; ids look like sofa-weekly-20211203:2 (search_prior_answers gives them)");
    }
}
