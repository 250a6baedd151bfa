using System.Collections;
using System.Globalization;
using System.Reflection;

namespace SofaBot.Retrieval.Snapshot;

/// <summary>Lists bound options as <c>Section:Key=value</c> lines, every public property, nested objects, lists and
/// dictionaries included, in a fixed order: the part of the snapshot's key that says which settings it was built
/// with, and, when they changed, which keys did.</summary>
/// <remarks>Reflection over every property, not a hand-kept list of the ones that matter: a setting added later
/// is part of the key without anyone remembering to add it. Defaults set in code count too (they are what was bound),
/// and a changed default changes the build, which is also in the key.</remarks>
internal static class SettingsListing
{
    public static List<string> Lines(string section, object options, IReadOnlySet<Type> skipped)
    {
        var lines = new List<string>();
        Add(lines, section, options, skipped);
        return lines;
    }

    private static void Add(List<string> lines, string path, object? value, IReadOnlySet<Type> skipped)
    {
        switch (value)
        {
            case null:
                lines.Add(path + "=(null)");
                break;
            case string text:
                // one line per setting, whatever the text holds
                lines.Add(path + "=" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal));
                break;
            case Enum or IFormattable or bool:
                lines.Add(path + "=" + Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case IDictionary dictionary:
                // the binder fills dictionaries in configuration order, which is sorted: a stable order as it is
                foreach (DictionaryEntry entry in dictionary)
                {
                    Add(lines, path + ":" + Convert.ToString(entry.Key, CultureInfo.InvariantCulture), entry.Value, skipped);
                }

                break;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    Add(lines, path + ":" + i++.ToString(CultureInfo.InvariantCulture), item, skipped);
                }

                break;
            default:
                foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (property.GetIndexParameters().Length == 0 && !skipped.Contains(property.PropertyType))
                    {
                        Add(lines, path + ":" + property.Name, property.GetValue(value), skipped);
                    }
                }

                break;
        }
    }
}
