using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.SemanticKernel;
using SofaBot.Review;

namespace SofaBot.Drafts;

/// <summary>The drafts' prompt: a Semantic Kernel template file (<c>{{$question}}</c>, <c>{{$candidates}}</c>,
/// <c>{{$language}}</c>; <c>&lt;message role="..."&gt;</c> blocks) that maintainers edit in the repository. It is
/// read for every draft, so an edit applies to the next one without a restart.</summary>
/// <remarks>The rendered template is read as XML to find the messages: a stray <c>&lt;</c> in its own text (not in
/// the variables, which are encoded) makes the whole prompt one user message, with no system rules. The start-up
/// check refuses such a template.</remarks>
internal static partial class DraftPrompt
{
    /// <summary>The variables the template must use: without them the model would draft from nothing.</summary>
    private static readonly string[] Required = ["{{$question}}", "{{$candidates}}"];

    public static string PathOf(AssistantOptions options, string contentRoot) => Path.GetFullPath(options.PromptPath, contentRoot);

    /// <summary>What is wrong with the template file, or null when it can be used.</summary>
    public static string? Problem(string path)
    {
        if (!File.Exists(path))
        {
            return $"the prompt template {path} does not exist";
        }

        var text = File.ReadAllText(path);
        var missing = Required.Where(v => !text.Contains(v, StringComparison.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            return $"the prompt template {path} does not use {string.Join(" and ", missing)}";
        }

        return text.Contains("<message", StringComparison.Ordinal) && !IsXml(text)
            ? $"the prompt template {path} has <message> blocks but is not well-formed XML (write a literal < as &lt;); the model would get it as one user message, without its rules"
            : null;
    }

    /// <summary>Whether the template, its variables blanked, reads as XML, as Semantic Kernel's chat prompt parser needs.</summary>
    private static bool IsXml(string template)
    {
        try
        {
            _ = XElement.Parse("<root>" + Variable().Replace(template, "") + "</root>");
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    public static async Task<KernelFunction> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var template = await File.ReadAllTextAsync(path, cancellationToken);
        // variables are encoded into the <message> blocks (the default): a question that writes </message> stays text
        return KernelFunctionFactory.CreateFromPrompt(new PromptTemplateConfig(template)
        {
            Name = "draft",
            Description = "Drafts a short answer to a review item's question from its candidates' answers",
        });
    }

    public static KernelArguments Arguments(ReviewItem item, bool english) => new()
    {
        ["question"] = item.Message.Text,
        ["candidates"] = Candidates(item.Candidates),
        ["language"] = english ? "English" : "Simplified Chinese (简体中文)",
    };

    /// <summary>Each candidate as <c>[#k]</c> with its prior question, answer and links: the model refers to them by k.</summary>
    internal static string Candidates(IReadOnlyList<ReviewCandidate> candidates)
    {
        var text = new StringBuilder();
        foreach (var (candidate, k) in candidates.Select((c, i) => (c, i + 1)))
        {
            text.Append("[#").Append(k.ToString(CultureInfo.InvariantCulture)).Append("] ").Append(candidate.Project);
            if (candidate.Link.Length > 0)
            {
                text.Append(" (").Append(candidate.Link).Append(')');
            }

            text.Append("\nEarlier question: ").Append(candidate.Question)
                .Append("\nAnswer: ").Append(candidate.Answer)
                .Append("\nSource: ").Append(candidate.Source);
            if (candidate.SourceUrl.Length > 0)
            {
                text.Append(' ').Append(candidate.SourceUrl);
            }

            text.Append("\n\n");
        }

        return text.ToString().TrimEnd();
    }

    [GeneratedRegex(@"\{\{.*?\}\}", RegexOptions.Singleline)]
    private static partial Regex Variable();
}
