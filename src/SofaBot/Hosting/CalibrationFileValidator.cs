using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SofaBot.Answering;

namespace SofaBot.Hosting;

/// <summary>Reports what is wrong in the calibration file with the rest of <c>Answering</c>'s checks, at start, each
/// problem naming the file and the key.</summary>
internal sealed class CalibrationFileValidator(IConfiguration configuration) : IValidateOptions<AnsweringOptions>
{
    public ValidateOptionsResult Validate(string? name, AnsweringOptions options)
    {
        var problems = (configuration as IConfigurationRoot)?.Providers.OfType<CalibrationFileProvider>().SelectMany(p => p.Problems).ToList() ?? [];
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
