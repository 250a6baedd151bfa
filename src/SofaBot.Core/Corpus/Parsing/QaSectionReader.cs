using System.Text.RegularExpressions;

namespace SofaBot.Corpus.Parsing;

/// <summary>Reads the Q&amp;A sections of one weekly, line by line, into <see cref="RawPair"/>s.</summary>
/// <remarks>
/// The layout, as the weeklies print it: an asker line, the question (quoted, plain or bold), one or more
/// <c>A：</c> answers, then a project link line. A quoted line after an answer is a follow-up question of the same
/// asker; a quote holding only images after an answer belongs to the answer. Bold group headers give a topic to the
/// pairs under them (and, when no asker follows, start asker-less pairs). A section ends at the next heading, or at a
/// bold title once it has pairs.
/// </remarks>
internal sealed partial class QaSectionReader
{
    private enum Phase
    {
        AwaitingQuestion,
        Question,
        Answer,
        AfterLink,
    }

    private readonly string _file;
    private readonly List<RawPair> _pairs = [];
    private readonly List<CorpusWarning> _warnings = [];
    private readonly List<DocLine> _pendingAfterLink = [];
    private bool _inSection;
    private int _pairsInSection;
    private RawPair? _pair;
    private Phase _phase;
    private string? _groupTopic;
    private string? _groupAsker;
    private bool _groupOpen;

    private QaSectionReader(string file) => _file = file;

    public static (List<RawPair> Pairs, List<CorpusWarning> Warnings) Read(IReadOnlyList<DocLine> lines, string file)
    {
        var reader = new QaSectionReader(file);
        int? firstSection = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var qa = QaLineClassifier.Classify(lines[i]);
            if (qa is LinkLabelLine label && i + 1 < lines.Count && QaLineClassifier.GitHubUrlOnly(lines[i + 1]) is { } url)
            {
                qa = new LinkLine(lines[i], label.Label, url);
                i++;
            }

            if (qa is SectionStartLine)
            {
                firstSection ??= qa.Source.Line;
            }

            reader.Accept(qa);
        }

        reader.FinishPair();
        if (firstSection is int line && reader._pairs.Count == 0)
        {
            reader.Warn(line, "a Q&A section with no pair the parser could follow (expected \"@asker 提问：\", a question, \"A：\")");
        }

        return (reader._pairs, reader._warnings);
    }

    private void Accept(QaLine qa)
    {
        if (qa is SectionStartLine)
        {
            FinishPair();
            _inSection = true;
            _pairsInSection = 0;
            CloseGroup();
            return;
        }

        if (!_inSection)
        {
            return;
        }

        if (_pair is { Asker: not null, Issue: not null } && _phase == Phase.AwaitingQuestion && QaLineClassifier.ClassifyAtName(qa.Source) is { } atName)
        {
            // "**1.@MOSN** **#2347**" then "@huayangchan": the header named the project, this line names the asker
            _pair.IssueHeaderProject = _pair.Asker;
            _pair.Asker = atName.Name;
            return;
        }

        switch (qa)
        {
            case SectionTitleLine title:
                OnTitle(title);
                break;
            case AskerLine asker:
                OnAsker(asker);
                break;
            case GroupHeaderLine group:
                OnGroupHeader(group);
                break;
            case AnswerLine answer:
                OnAnswer(answer);
                break;
            case LinkLine link:
                OnLink(link);
                break;
            default:
                OnContent(qa.Source);
                break;
        }
    }

    private void OnTitle(SectionTitleLine title)
    {
        if (title.Source.Kind != DocLineKind.Heading && _pair is not null && _phase == Phase.AwaitingQuestion)
        {
            OnContent(title.Source); // a bold question right under its asker line
            return;
        }

        if (title.Source.Kind != DocLineKind.Heading && _pair is null && _pairsInSection == 0)
        {
            return; // the section's own intro ("本周各项目回复 issue 共计 2 条")
        }

        FinishPair();
        _inSection = false;
        CloseGroup();
    }

    private void OnAsker(AskerLine asker)
    {
        FinishPair();
        if (asker.Numbered)
        {
            CloseGroup(); // a numbered item starts a new group
        }

        _pair = new RawPair { Asker = asker.Name, Topic = _groupOpen ? _groupTopic : null, Line = asker.Source.Line, Issue = asker.Issue };
        _phase = Phase.AwaitingQuestion;
        if (asker.Rest.Length > 0)
        {
            var turn = NewTurn(asker.Source.Line, afterLink: false);
            turn.Question.Append(asker.Rest);
            _phase = Phase.Question;
        }
    }

    private void OnGroupHeader(GroupHeaderLine group)
    {
        // an un-numbered header inside an asker's questions ("关于扩容：") is a sub-topic of the same asker
        var inheritedAsker = !group.Numbered ? _pair?.Asker : null;
        FinishPair();
        _groupOpen = true;
        _groupTopic = group.Topic;
        _groupAsker = inheritedAsker;
    }

    private void OnAnswer(AnswerLine answer)
    {
        if (_pair is null)
        {
            Warn(answer.Source.Line, "an answer (A：) with no question before it; skipped");
            return;
        }

        RawTurn turn;
        switch (_phase)
        {
            case Phase.AwaitingQuestion:
                return; // an asker line straight followed by an answer: FinishPair reports the missing question
            case Phase.AfterLink when _pendingAfterLink.Count > 0:
                // plain-text follow-up printed after the link line (exports lose the quote marks)
                turn = NewTurn(_pendingAfterLink[0].Line, afterLink: true);
                foreach (var pending in _pendingAfterLink)
                {
                    RawTurn.Append(turn.Question, pending);
                }

                _pendingAfterLink.Clear();
                break;
            default:
                turn = _pair.Turns[^1];
                break;
        }

        RawTurn.Append(turn.Answer, answer.Source with { StartsBlock = true }, answer.Markdown);
        _phase = Phase.Answer;
    }

    private void OnLink(LinkLine link)
    {
        if (_pair is null)
        {
            return; // a project's link in the section's intro, not part of a pair
        }

        _pair.Links.Add((link.Label, link.Url));
        _pendingAfterLink.Clear();
        if (_phase != Phase.AwaitingQuestion)
        {
            _phase = Phase.AfterLink;
        }
    }

    private void OnContent(DocLine line)
    {
        if (_pair is null)
        {
            // under a group header with no asker line, a quoted question starts an asker-less pair
            if (_groupOpen && line.QuoteDepth > 0 && !line.IsImageOnly)
            {
                _pair = new RawPair { Asker = _groupAsker, Topic = _groupTopic, Line = line.Line };
                NewTurn(line.Line, afterLink: false);
                AppendQuestion(line);
                _phase = Phase.Question;
            }

            return;
        }

        switch (_phase)
        {
            case Phase.AwaitingQuestion:
                NewTurn(line.Line, afterLink: false);
                AppendQuestion(line);
                _phase = Phase.Question;
                break;
            case Phase.Question:
                AppendQuestion(line);
                break;
            case Phase.Answer when IsFollowUp(line):
                NewTurn(line.Line, afterLink: false);
                AppendQuestion(line);
                _phase = Phase.Question;
                break;
            case Phase.Answer:
                RawTurn.Append(_pair.Turns[^1].Answer, line);
                break;
            case Phase.AfterLink when IsFollowUp(line):
                NewTurn(line.Line, afterLink: true);
                AppendQuestion(line);
                _phase = Phase.Question;
                break;
            case Phase.AfterLink when line.Kind == DocLineKind.Text && !line.IsImageOnly:
                _pendingAfterLink.Add(line);
                break;
        }
    }

    private static bool IsFollowUp(DocLine line) => line.QuoteDepth > 0 && line.Kind == DocLineKind.Text && !line.IsImageOnly;

    private void AppendQuestion(DocLine line)
    {
        var question = _pair!.Turns[^1].Question;
        var markdown = question.Length == 0 && !line.StartsWithReference ? QuestionMarker().Replace(line.Markdown, "", 1) : line.Markdown;
        RawTurn.Append(question, line, markdown);
    }

    private RawTurn NewTurn(int line, bool afterLink)
    {
        var turn = new RawTurn(line, afterLink);
        _pair!.Turns.Add(turn);
        return turn;
    }

    private void FinishPair()
    {
        var pair = _pair;
        _pair = null;
        _phase = Phase.AwaitingQuestion;
        _pendingAfterLink.Clear();
        if (pair is null)
        {
            return;
        }

        // text after the link line that never got an answer is the next section's, not a follow-up
        pair.Turns.RemoveAll(t => t.AfterLink && t.Answer.Length == 0);
        pair.Turns.RemoveAll(t => t.Question.Length == 0 && t.Answer.Length == 0);
        if (pair.Turns.Count == 0)
        {
            Warn(pair.Line, $"{Describe(pair)} has no question after it; skipped");
            return;
        }

        if (pair.Turns.All(t => t.Answer.Length == 0))
        {
            Warn(pair.Line, $"the question of {Describe(pair)} has no answer (A：); kept without one");
        }

        _pairs.Add(pair);
        _pairsInSection++;
    }

    private void CloseGroup()
    {
        _groupOpen = false;
        _groupTopic = null;
        _groupAsker = null;
    }

    private void Warn(int line, string message) => _warnings.Add(new CorpusWarning(_file, line, message));

    private static string Describe(RawPair pair) =>
        pair.Asker is { } asker ? $"@{asker}" : pair.Topic is { } topic ? $"the topic \"{topic}\"" : "an asker line";

    /// <summary>True when the line would lose a leading "Q：" as the first line of a question.</summary>
    public static bool StartsWithQuestionMarker(string markdown) => QuestionMarker().IsMatch(markdown);

    [GeneratedRegex(@"^\s*Q\s*[：:]\s*")]
    private static partial Regex QuestionMarker();
}
