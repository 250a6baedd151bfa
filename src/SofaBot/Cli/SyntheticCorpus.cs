using SofaBot.Corpus;

namespace SofaBot.Cli;

/// <summary>Grows a knowledge base N times for benchmarks: each real pair gets N−1 variants whose sentences are
/// rotated and marked, so the index holds distinct units with the corpus's own vocabulary and lengths.</summary>
internal static class SyntheticCorpus
{
    public static KnowledgeBase Grow(KnowledgeBase kb, int scale)
    {
        var pairs = new List<QaPair>(kb.Pairs.Count * scale);
        pairs.AddRange(kb.Pairs);
        for (var k = 1; k < scale; k++)
        {
            foreach (var pair in kb.Pairs)
            {
                pairs.Add(pair with
                {
                    Id = $"{pair.Id}~{k}",
                    Turns = pair.Turns.Select(t => new QaTurn(Variant(t.Question, k), Variant(t.Answer, k))).ToList(),
                });
            }
        }

        return new KnowledgeBase(kb.Root, kb.Weeklies, pairs, kb.Warnings, kb.Stats with { Pairs = pairs.Count });
    }

    private static string Variant(string text, int k)
    {
        var sentences = text.Split(['。', '？', '！', '\n', '，'], StringSplitOptions.RemoveEmptyEntries);
        if (sentences.Length == 0)
        {
            return text;
        }

        var shift = k % sentences.Length;
        return string.Join("，", sentences.Skip(shift).Concat(sentences.Take(shift))) + $" v{k}";
    }
}
