using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.FlexBuffers;

/// <summary>
/// A FlexBuffers map, as TFLite custom operators store their options. Parsing checks the map's
/// structure and reads its keys; values are decoded on request, each read bounds-checked. Any
/// malformed input, missing key or value of the wrong type throws <see cref="ModelFormatException"/>
/// naming the key.
/// </summary>
internal sealed class FlexMap
{
    private readonly string[] _keys;
    private readonly FlexValue[] _values;

    private FlexMap(string[] keys, FlexValue[] values)
    {
        _keys = keys;
        _values = values;
    }

    /// <summary>The keys, in stored order (FlexBuffers writers sort them).</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Parses a buffer whose root value must be a map.</summary>
    /// <remarks>The map keeps a reference to <paramref name="buffer"/>; values are decoded from it on request.</remarks>
    public static FlexMap Parse(ReadOnlyMemory<byte> buffer)
    {
        FlexValue root = FlexMapLayout.Root(buffer);
        if (root.Type != FlexType.Map)
        {
            string found = Enum.IsDefined(root.Type) ? root.Type.ToString() : $"unknown type {(int)root.Type}";
            throw new ModelFormatException($"FlexBuffers: the root value is {found}, not a map.");
        }

        (string[] keys, FlexValue[] values) = FlexMapLayout.ReadEntries(buffer);
        return new FlexMap(keys, values);
    }

    public bool ContainsKey(string key) => Array.IndexOf(_keys, key) >= 0;

    /// <summary>An INT, UINT or BOOL value of any width, inline or indirect, that fits in an int.</summary>
    public int GetInt32(string key) => Get(key).AsInt32();

    /// <summary>A FLOAT (32 or 64 bit, inline or indirect) or integer value, as float.</summary>
    public float GetSingle(string key) => (float)Get(key).AsDouble();

    /// <summary>A STRING (or KEY) value.</summary>
    public string GetString(string key) => Get(key).AsString();

    /// <summary>
    /// A vector of integers: a typed int/uint vector of any element width, a fixed-length typed
    /// vector (2-4 elements), or an untyped vector whose elements are all integers.
    /// </summary>
    public int[] GetInt32Vector(string key) => Get(key).AsInt32Vector();

    private FlexValue Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int index = Array.IndexOf(_keys, key);
        return index >= 0
            ? _values[index]
            : throw new ModelFormatException(
                $"FlexBuffers: key '{key}' is missing (the map has: {string.Join(", ", _keys)}).");
    }
}
