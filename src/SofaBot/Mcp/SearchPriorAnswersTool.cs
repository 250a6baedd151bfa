using System.ComponentModel;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using SofaBot.Answering;
using SofaBot.Hosting;

namespace SofaBot.Mcp;

/// <summary><c>search_prior_answers</c>: the question decided the way the bot decides a message addressed to it
/// (<see cref="Retrieval.KnowledgeIndex.DecideAsync(string, Retrieval.RetrievalMode, CancellationToken)"/>, the call
/// the reply planner and <c>ask</c> make), on the index the running bot answers from, with what it learned in review.
/// Nothing is posted, stored or queued for review.</summary>
[McpServerToolType]
internal sealed class SearchPriorAnswersTool(KnowledgeIndexService index, IOptions<AnsweringOptions> answering)
{
    [McpServerTool(Name = "search_prior_answers", Title = "Search the SOFA Weekly Q&A", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Finds what SOFAStack maintainers answered before to a question like this one (SOFA Weekly Q&A, Chinese or English), and says what SofaBot would do if asked it in a group: \"answer\" (it would reply with candidate 1), \"suggest\" (plausible, it would say it is not sure and ask the maintainers) or \"no_answer\". Each candidate has the prior question and answer (Markdown), the project with its GitHub link, and the weekly with its link.")]
    public async Task<PriorAnswerSearch> SearchPriorAnswersAsync(
        [Description("The question, as someone would ask it")] string question,
        [Description("How many candidates to return (at most Answering:Candidates, 5 by default)")] int limit = 5,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            throw new McpException("question is empty; send the question as someone would ask it");
        }

        if (limit < 1)
        {
            throw new McpException($"limit must be 1 or more (was {limit})");
        }

        var knowledge = await index.GetAsync(cancellationToken);
        var decision = await knowledge.DecideAsync(question, cancellationToken: cancellationToken);
        return PriorAnswerSearch.From(question, decision, Math.Min(limit, answering.Value.Candidates));
    }
}
