using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace DrawingFromDiffusion.Cli;

/// <summary>
/// Value checks attached to the options themselves, so a bad value fails the parse (exit 2, one line naming the
/// option and what it takes) before any command starts work.
/// </summary>
internal static class OptionRules
{
    /// <summary>Numbers from <paramref name="min"/> up (to <paramref name="max"/> when given).</summary>
    public static Option<T> Between<T>(this Option<T> option, T min, T? max = null)
        where T : struct, INumber<T>
    {
        var accepts = max is { } top ? $"a number from {Text(min)} to {Text(top)}" : $"a number of at least {Text(min)}";
        option.Validators.Add(result =>
        {
            if (TryValue<T>(result, out var value) && (value < min || (max is { } m && value > m) || T.IsNaN(value)))
            {
                result.AddError($"{option.Name} takes {accepts}; got {Text(value)}");
            }
        });
        return option;
    }

    /// <summary>The same rule for an optional number.</summary>
    public static Option<T?> Between<T>(this Option<T?> option, T min, T? max = null)
        where T : struct, INumber<T>
    {
        var accepts = max is { } top ? $"a number from {Text(min)} to {Text(top)}" : $"a number of at least {Text(min)}";
        option.Validators.Add(result =>
        {
            if (TryValue<T>(result, out var value) && (value < min || (max is { } m && value > m) || T.IsNaN(value)))
            {
                result.AddError($"{option.Name} takes {accepts}; got {Text(value)}");
            }
        });
        return option;
    }

    /// <summary>Text the <paramref name="isValid"/> check accepts; <paramref name="accepts"/> says what that is, for the error.</summary>
    public static Option<T> Accepting<T>(this Option<T> option, Func<string, bool> isValid, string accepts)
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!isValid(token.Value))
                {
                    result.AddError($"{option.Name} takes {accepts}; got '{token.Value}'");
                    return;
                }
            }
        });
        return option;
    }

    /// <summary>
    /// The value of an option in a command validator, or default when the option's own check already failed
    /// (reading it would throw, and that error is already reported).
    /// </summary>
    public static T? Checked<T>(this CommandResult result, Option<T> option)
    {
        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    /// <summary>Reads the number from the token; a token that is no number is left to the parser's own error.</summary>
    private static bool TryValue<T>(OptionResult result, out T value)
        where T : struct, INumber<T>
    {
        value = default;
        return !result.Implicit && result.Tokens.Count == 1
            && T.TryParse(result.Tokens[0].Value, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value);
    }

    private static string Text<T>(T value)
        where T : INumber<T> => value.ToString(null, CultureInfo.InvariantCulture);
}
