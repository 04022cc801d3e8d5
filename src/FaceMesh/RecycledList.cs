using System.Collections.ObjectModel;

namespace FaceMesh;

/// <summary>
/// The storage behind a reusable result: clearing keeps the items as spares, and adding takes a
/// spare before creating one, so a result reused frame after frame stops allocating.
/// </summary>
internal sealed class RecycledList<T> where T : class
{
    private readonly List<T> _items = [];
    private readonly List<T> _spare = [];

    public RecycledList() => Items = _items.AsReadOnly();

    public ReadOnlyCollection<T> Items { get; }

    public void Clear()
    {
        _spare.AddRange(_items);
        _items.Clear();
    }

    /// <summary>An item appended to <see cref="Items"/>: a spare when there is one, else <paramref name="create"/>'s.</summary>
    public T Add(Func<T> create)
    {
        T item;
        if (_spare.Count > 0)
        {
            item = _spare[^1];
            _spare.RemoveAt(_spare.Count - 1);
        }
        else
        {
            item = create();
        }
        _items.Add(item);
        return item;
    }
}
