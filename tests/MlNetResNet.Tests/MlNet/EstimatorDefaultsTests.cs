using System.Reflection;
using Microsoft.ML;
using Defaults = MlNetResNet.ResNetClassifierEstimator.Defaults;

namespace MlNetResNet.Tests.MlNet;

/// <summary>The catalog parameters and the options initialisers start from the same <see cref="Defaults"/>.</summary>
public class EstimatorDefaultsTests
{
    private static IEnumerable<FieldInfo> DefaultFields() => typeof(Defaults).GetFields(BindingFlags.Public | BindingFlags.Static);

    [Fact]
    public void EveryDefaultIsTheInitialValueOfTheOptionOfTheSameName()
    {
        var options = new ResNetClassifierOptions();
        Assert.True(DefaultFields().Count() >= 20);
        foreach (var field in DefaultFields())
        {
            var property = typeof(ResNetClassifierOptions).GetProperty(field.Name);
            Assert.True(property is not null, $"Defaults.{field.Name} names no option");
            Assert.Equal(field.GetValue(null), property!.GetValue(options));
        }
    }

    [Fact]
    public void TheCatalogParametersDefaultToTheSameValues()
    {
        var method = typeof(ResNetClassifierCatalog).GetMethods()
            .Single(m => m.Name == nameof(ResNetClassifierCatalog.ResNetClassifier) && m.GetParameters().Length > 2);
        var optional = method.GetParameters().Where(parameter => parameter.HasDefaultValue).ToList();
        Assert.NotEmpty(optional);
        foreach (var parameter in optional)
        {
            string name = char.ToUpperInvariant(parameter.Name![0]) + parameter.Name[1..];
            var field = typeof(Defaults).GetField(name);
            Assert.True(field is not null, $"catalog parameter {parameter.Name} has no Defaults.{name}");
            // Enum defaults come back from reflection as their underlying integer.
            object expected = field!.FieldType.IsEnum ? Convert.ChangeType(field.GetValue(null)!, Enum.GetUnderlyingType(field.FieldType)) : field.GetValue(null)!;
            object actual = parameter.ParameterType.IsEnum && parameter.DefaultValue is Enum value
                ? Convert.ChangeType(value, Enum.GetUnderlyingType(parameter.ParameterType)) : parameter.DefaultValue!;
            Assert.Equal(expected, actual);
        }
        Assert.NotNull(new MLContext().Transforms.ResNetClassifier());
    }
}
