using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("SofaBot.Tests.Fixtures.SkippingTestFramework", "SofaBot.Tests")]

namespace SofaBot.Tests.Fixtures;

/// <summary>xunit 2's own framework, plus one thing xunit 2 lacks (v3 has <c>Assert.Skip</c>): a test that finds at
/// run time that the machine lacks what it needs throws <see cref="SkipTestException"/> and is reported as skipped with
/// the reason, not as failed with a stack trace. Written here because Xunit.SkippableFact is not served by the package
/// mirror, and moving 570 tests to xunit v3 is not worth one feature.</summary>
public sealed class SkippingTestFramework(IMessageSink diagnostics) : XunitTestFramework(diagnostics)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sources, IMessageSink diagnostics)
        : XunitTestFrameworkExecutor(assemblyName, sources, diagnostics)
    {
        protected override void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions) =>
            base.RunTestCases(testCases, new SkipReporter(executionMessageSink, DiagnosticMessageSink), executionOptions);
    }

    /// <summary>Passes every message on, turning "failed with <see cref="SkipTestException"/>" into "skipped". Each
    /// distinct reason is also said once as a diagnostic message, which <c>dotnet test</c> shows at its default
    /// verbosity (skip reasons themselves only appear at normal verbosity).</summary>
    private sealed class SkipReporter(IMessageSink inner, IMessageSink diagnostics) : LongLivedMarshalByRefObject, IMessageSink
    {
        private static readonly string SkipType = typeof(SkipTestException).FullName!;
        private readonly HashSet<string> _said = [];

        public bool OnMessage(IMessageSinkMessage message)
        {
            if (message is not ITestFailed failed || failed.ExceptionTypes.FirstOrDefault() != SkipType)
            {
                return inner.OnMessage(message);
            }

            var reason = failed.Messages.FirstOrDefault() ?? "skipped";
            lock (_said)
            {
                if (_said.Add(reason))
                {
                    diagnostics.OnMessage(new DiagnosticMessage("Skipping the tests that need it: " + reason));
                }
            }

            return inner.OnMessage(new TestSkipped(failed.Test, reason));
        }
    }
}
